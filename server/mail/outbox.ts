import type { OutboxMail, OutboxPage } from '../../common/api/company';
import type { PageQuery, Role } from '../../common/api/primitives';
import type { OfficeDb } from '../db/database';
import type { SecretBox } from '../secrets/secret-box';
import { encodeCursor, pageOf } from '../directory/cursor';
import { outboxRows } from '../directory/outbox';
import { mayManage } from '../../common/api/authority';
import type { MailText } from './mailer';

export interface OutboxReader {
  userId: string;
  role: Role;
}

/**
 * Kinds whose secret an admin who may manage the recipient could set anyway (by resetting the
 * password), so in an office without SMTP, where the outbox is the only way mail reaches
 * anyone, the admin sees it to hand over. A recovery code is never shown: it is the user's own
 * way back in, and showing it would let an admin take over an account silently.
 */
const HANDED_OVER_BY_ADMINS = new Set(['welcome', 'password-reset']);

/**
 * The outbox as one admin may see it, newest first: mail of users they may manage and their
 * own (a super admin sees all). Secrets stay redacted, except that without SMTP
 * (`revealHandovers`) a still-queued welcome or reset mail is shown whole to an admin who
 * may manage its recipient.
 */
export async function listOutbox(
  db: OfficeDb,
  secrets: SecretBox,
  reader: OutboxReader,
  revealHandovers: boolean,
  query: PageQuery,
): Promise<OutboxPage> {
  const limit = query.limit ?? 50;
  const rows = await outboxRows(db, reader, limit, query.before);
  const mails = rows.map((row): OutboxMail => {
    const reveal =
      revealHandovers &&
      row.status === 'queued' &&
      row.sealed !== null &&
      row.kind !== null &&
      HANDED_OVER_BY_ADMINS.has(row.kind) &&
      row.recipient_role !== null &&
      mayManage(reader.role, row.recipient_role);
    const text: MailText = reveal
      ? (JSON.parse(secrets.unseal(row.sealed!)) as MailText)
      : { subject: row.subject, body: row.body };
    return {
      id: row.id,
      to: row.to_address,
      recipientUserId: row.user_id,
      kind: row.kind,
      subject: text.subject,
      body: text.body,
      status: row.status,
      error: row.error,
      createdAt: row.created_at,
      sentAt: row.sent_at,
    };
  });
  return pageOf(mails, limit, (mail) => encodeCursor(mail.createdAt, mail.id));
}
