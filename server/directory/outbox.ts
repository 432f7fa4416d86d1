// The mail outbox: every mail the office sent or queued, secrets redacted, the text to deliver
// sealed until it is delivered.
import type { Role } from '../../common/api/primitives';
import type { OfficeDb } from '../db/database';
import type { MailOutboxTable } from '../db/schema';
import { isoAt } from '../time';
import { decodeCursor, pastCursor } from './cursor';

/** A mail as it enters the outbox, queued. */
export type QueuedMail = Pick<
  MailOutboxTable,
  'id' | 'to_address' | 'subject' | 'body' | 'kind' | 'user_id' | 'sealed'
>;

export async function insertQueuedMail(db: OfficeDb, mail: QueuedMail, now: number): Promise<void> {
  await db
    .insertInto('mail_outbox')
    .values({ ...mail, status: 'queued', error: null, created_at: isoAt(now), sent_at: null })
    .execute();
}

/** Delivered: the sealed copy was kept only for a retry. */
export async function markMailSent(db: OfficeDb, id: string, now: number): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ status: 'sent', sent_at: isoAt(now), sealed: null })
    .where('id', '=', id)
    .execute();
}

export async function markMailFailed(db: OfficeDb, id: string, error: string): Promise<void> {
  await db.updateTable('mail_outbox').set({ status: 'failed', error }).where('id', '=', id).execute();
}

/**
 * One page of the outbox as one admin may see it, newest first, and the next row if there is
 * one: mail of users they may manage and their own (a super admin sees all).
 */
export async function outboxRows(
  db: OfficeDb,
  reader: { userId: string; role: Role },
  limit: number,
  before: string | undefined,
) {
  let select = db
    .selectFrom('mail_outbox')
    .leftJoin('users', 'users.id', 'mail_outbox.user_id')
    .selectAll('mail_outbox')
    .select('users.role as recipient_role');
  if (reader.role !== 'superadmin') {
    select = select.where((eb) =>
      eb.or([eb('users.role', '=', 'user'), eb('mail_outbox.user_id', '=', reader.userId)]),
    );
  }
  if (before) {
    select = select.where(
      pastCursor('mail_outbox.created_at', 'mail_outbox.id', decodeCursor(before), 'desc'),
    );
  }
  return select
    .orderBy('mail_outbox.created_at', 'desc')
    .orderBy('mail_outbox.id', 'desc')
    .limit(limit + 1)
    .execute();
}
