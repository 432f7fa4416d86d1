// The mail that tells the office's admins a toll-fraud cap was reached (the first time on a day:
// toll-guard.ts decides when). Each admin reads it in their language; it says which cap, its
// value, and that calls past it are refused until calls end (or, for minutes, until tomorrow).
import type { Language } from '../../common/api/preferences';
import type { OfficeDb } from '../db/database';
import { readCompany } from '../directory/company';
import type { ServerConfig } from '../config';
import type { Clock } from '../time';
import type { TollCap, TollLimits } from '../sip/trunks/toll-guard';
import { mailLanguage, mailTime } from './language';
import type { Mailer, MailText } from './mailer';
import { renderMail } from './templates';

/** Placeholders: name, companyName, cap, limit, at, portalUrl. */
export const TOLL_ALERT: Record<Language, MailText> = {
  en: {
    subject: '{{companyName}}: a limit on outside calls was reached',
    body: [
      'Hello {{name}},',
      '',
      'At {{at}} the office reached this limit on outside calls: {{cap}} ({{limit}}).',
      '',
      'Calls past it are refused (emergency calls always go out). If nobody in the office should be making that many calls, someone may be using a phone or an account to run up charges: check the calls in the admin console at {{portalUrl}}.',
      '',
      'You get this mail once a day at most for each limit.',
    ].join('\n'),
  },
  es: {
    subject: '{{companyName}}: se alcanzó un límite de llamadas externas',
    body: [
      'Hola {{name}}:',
      '',
      'El {{at}} la oficina alcanzó este límite de llamadas externas: {{cap}} ({{limit}}).',
      '',
      'Las llamadas que lo superan se rechazan (las llamadas de emergencia salen siempre). Si nadie en la oficina debería hacer tantas llamadas, puede que alguien esté usando un teléfono o una cuenta para generar cargos: revise las llamadas en la consola de administración en {{portalUrl}}.',
      '',
      'Recibirá este correo como máximo una vez al día por cada límite.',
    ].join('\n'),
  },
  fr: {
    subject: '{{companyName}} : une limite d’appels externes a été atteinte',
    body: [
      'Bonjour {{name}},',
      '',
      'Le {{at}}, le bureau a atteint cette limite d’appels externes : {{cap}} ({{limit}}).',
      '',
      'Les appels au-delà sont refusés (les appels d’urgence passent toujours). Si personne au bureau ne devrait passer autant d’appels, quelqu’un utilise peut-être un téléphone ou un compte pour générer des frais : vérifiez les appels dans la console d’administration à {{portalUrl}}.',
      '',
      'Vous recevez ce message au plus une fois par jour pour chaque limite.',
    ].join('\n'),
  },
};

const CAP_NAMES: Record<Language, Record<TollCap, string>> = {
  en: {
    'calls-per-user': 'outside calls at once per person',
    'calls-total': 'outside calls at once for the office',
    'international-minutes': 'international minutes per day',
  },
  es: {
    'calls-per-user': 'llamadas externas simultáneas por persona',
    'calls-total': 'llamadas externas simultáneas de la oficina',
    'international-minutes': 'minutos internacionales por día',
  },
  fr: {
    'calls-per-user': 'appels externes simultanés par personne',
    'calls-total': 'appels externes simultanés du bureau',
    'international-minutes': 'minutes internationales par jour',
  },
};

const limitOf = (cap: TollCap, limits: TollLimits) =>
  String(
    cap === 'calls-per-user'
      ? limits.perUser
      : cap === 'calls-total'
        ? limits.total
        : limits.internationalMinutesPerDay,
  );

export interface TollAlertServices {
  db: OfficeDb;
  clock: Clock;
  mailer: Mailer;
  config: Pick<ServerConfig, 'portalUrl'>;
}

/** Mails every active admin and super admin that `cap` was reached. */
export function tollAlert(services: TollAlertServices) {
  return async (cap: TollCap, limits: TollLimits): Promise<void> => {
    const { db, mailer, config } = services;
    const company = await readCompany(db);
    const admins = await db
      .selectFrom('users')
      .select(['id', 'name', 'email'])
      .where('role', 'in', ['admin', 'superadmin'])
      .where('status', '=', 'active')
      .execute();
    const now = new Date(services.clock());
    for (const admin of admins) {
      const language = await mailLanguage(db, admin.id);
      await mailer.send(
        renderMail(
          { kind: 'toll-alert', ...TOLL_ALERT[language] },
          { email: admin.email, userId: admin.id },
          {
            name: admin.name,
            companyName: company.name,
            cap: CAP_NAMES[language][cap],
            limit: limitOf(cap, limits),
            at: mailTime(language, now, company.time_zone),
            portalUrl: config.portalUrl,
          },
        ),
      );
    }
  };
}
