// The templates of security mails (welcome, password reset, password recovery: they carry
// passwords and recovery codes). Only a super admin writes them (accounts/authority.ts); what
// they write may link to the office alone, and every super admin hears of each change.
import type { EmailTemplate } from '../../common/api/directory';
import type { ServerConfig } from '../config';
import type { CompanySettings } from '../directory/company-settings';
import type { Actor, WriteAction } from '../directory/audit';
import { activeSuperAdmins } from '../directory/users';
import { OfficeError } from '../errors';
import type { Clock } from '../time';
import { mailLanguage, mailTime } from './language';
import type { Mailer } from './mailer';
import { foreignLinks } from './office-links';
import { TEMPLATE_ACTION_WORDS, TEMPLATE_CHANGED_NOTICE, TEMPLATE_KIND_NAMES } from './security-notices';
import { renderMail } from './templates';
import type { OfficeDb } from '../db/database';

/** What a template change is told with. */
export interface TemplateNoticeServices {
  db: OfficeDb;
  clock: Clock;
  mailer: Mailer;
  company: CompanySettings;
  config: Pick<ServerConfig, 'portalUrl'>;
}

/**
 * Refuses a subject or body with a link (or a bare host name) that does not lead to the office:
 * the one who writes it hears why at once. Rendering rewrites such links anyway (office-links.ts),
 * for templates stored before this rule.
 */
export function assertOfficeLinksOnly(fields: { subject?: string; body?: string }, portalUrl: string): void {
  for (const field of ['subject', 'body'] as const) {
    const [foreign] = foreignLinks(fields[field] ?? '', portalUrl);
    if (foreign !== undefined) {
      throw new OfficeError(
        400,
        'invalid_field',
        `A mail's links lead to the office only: write {{portalUrl}} (or {{link}} in a recovery mail) instead of "${foreign}"`,
        `body.${field}`,
      );
    }
  }
}

/** Mails every active super admin, each in their language, who changed which template and when. */
export async function tellSuperAdmins(
  services: TemplateNoticeServices,
  change: { actor: Actor; action: WriteAction; template: EmailTemplate },
): Promise<void> {
  const { db, mailer, config } = services;
  const { name: companyName } = await services.company.get();
  const now = new Date(services.clock());
  for (const admin of await activeSuperAdmins(db)) {
    const language = await mailLanguage(db, admin.id);
    await mailer.send(
      renderMail(
        { kind: 'template-changed', ...TEMPLATE_CHANGED_NOTICE[language] },
        { email: admin.email, userId: admin.id },
        {
          name: admin.name,
          companyName,
          actor: change.actor.name,
          action: TEMPLATE_ACTION_WORDS[language][change.action],
          template: change.template.name,
          kind: TEMPLATE_KIND_NAMES[language][change.template.kind],
          at: mailTime(language, now),
          portalUrl: config.portalUrl,
        },
      ),
    );
  }
}
