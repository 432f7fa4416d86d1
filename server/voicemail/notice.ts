import type { VoicemailMessage } from '../../common/api/voicemail';
import type { OfficeDb } from '../db/database';
import type { ServerConfig } from '../config';
import type { Logger } from '../logger';
import type { Mailer } from '../mail/mailer';
import type { PushHub } from '../push/hub';
import type { DirectoryEvents } from '../directory/events';
import type { CompanySettings } from '../directory/company-settings';
import { findUserRow } from '../directory/users';
import { findOwnMessage, ownBox, toMessage } from '../directory/voicemail';
import { mailLanguage, mailTime } from '../mail/language';
import { renderMail } from '../mail/templates';
import { VOICEMAIL_NOTICE } from '../mail/translated-defaults';

/** What a new message is announced with: the office's push channel and its mail. */
export interface NoticeServices {
  db: OfficeDb;
  push: PushHub;
  mailer: Mailer;
  config: Pick<ServerConfig, 'portalUrl'>;
  /** The company's time zone, which the mail's time is written in. */
  company: CompanySettings;
}

/** Mails the box's notification address, if it has one, in the owner's language. */
async function mailNotice(
  services: Pick<NoticeServices, 'db' | 'mailer' | 'config' | 'company'>,
  userId: string,
  message: VoicemailMessage,
): Promise<void> {
  const box = await ownBox(services.db, userId);
  if (!box.notification_email) return;
  const user = await findUserRow(services.db, userId);
  const language = await mailLanguage(services.db, userId);
  const caller = message.callerName
    ? `${message.callerName} (${message.callerNumber})`
    : message.callerNumber;
  await services.mailer.send(
    renderMail(
      { kind: 'voicemail-notice', ...VOICEMAIL_NOTICE[language] },
      { email: box.notification_email, userId },
      {
        name: user.name,
        caller,
        seconds: String(message.durationSeconds),
        // In the company's time zone, named, in the owner's language.
        receivedAt: mailTime(language, message.receivedAt, (await services.company.get()).time_zone),
        portalUrl: services.config.portalUrl,
      },
    ),
  );
}

/** Tells the owner of a new message: a push to their signed-in apps and a mail notice. */
export async function announceVoicemail(
  services: NoticeServices,
  userId: string,
  messageId: string,
): Promise<void> {
  const message = toMessage(await findOwnMessage(services.db, userId, messageId));
  services.push.publish(userId, { type: 'voicemail', message });
  await mailNotice(services, userId, message);
}

/** Reacts to every message the media agent stores; a failure is logged, never thrown at the agent. */
export function announceNewVoicemail(
  services: NoticeServices & { events: DirectoryEvents; logger: Logger },
): void {
  services.events.on('voicemail-received', ({ userId, messageId }) => {
    announceVoicemail(services, userId, messageId).catch((error: unknown) =>
      services.logger.warn({ userId, messageId, error: String(error) }, 'voicemail notice failed'),
    );
  });
}
