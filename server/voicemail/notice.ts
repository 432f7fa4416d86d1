import type { VoicemailMessage } from '../../common/api/voicemail';
import type { OfficeServices } from '../office-services';
import { findOwnMessage, ownBox, toMessage } from '../directory/voicemail';
import { mailLanguage } from '../mail/language';
import { renderMail } from '../mail/templates';
import { VOICEMAIL_NOTICE } from '../mail/translated-defaults';

/** Mails the box's notification address, if it has one, in the owner's language. */
async function mailNotice(office: OfficeServices, userId: string, message: VoicemailMessage): Promise<void> {
  const box = await ownBox(office.db, userId);
  if (!box.notification_email) return;
  const user = await office.db
    .selectFrom('users')
    .select('name')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const language = await mailLanguage(office.db, userId);
  // The office does not know the user's time zone: the time is given in UTC and says so.
  const receivedAt = new Intl.DateTimeFormat(language, {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'UTC',
  }).format(new Date(message.receivedAt));
  const caller = message.callerName
    ? `${message.callerName} (${message.callerNumber})`
    : message.callerNumber;
  await office.mailer.send(
    renderMail(
      { kind: 'voicemail-notice', ...VOICEMAIL_NOTICE[language] },
      { email: box.notification_email, userId },
      {
        name: user.name,
        caller,
        seconds: String(message.durationSeconds),
        receivedAt: `${receivedAt} UTC`,
        portalUrl: office.config.portalUrl,
      },
    ),
  );
}

/** Tells the owner of a new message: a push to their signed-in apps and a mail notice. */
export async function announceVoicemail(
  office: OfficeServices,
  userId: string,
  messageId: string,
): Promise<void> {
  const message = toMessage(await findOwnMessage(office.db, userId, messageId));
  office.push.publish(userId, { type: 'voicemail', message });
  await mailNotice(office, userId, message);
}

/** Reacts to every message the media agent stores; a failure is logged, never thrown at the agent. */
export function announceNewVoicemail(office: OfficeServices): void {
  office.events.on('voicemail-received', ({ userId, messageId }) => {
    announceVoicemail(office, userId, messageId).catch((error: unknown) =>
      office.logger.warn({ userId, messageId, error: String(error) }, 'voicemail notice failed'),
    );
  });
}
