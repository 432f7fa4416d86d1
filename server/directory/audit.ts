import { randomUUID } from 'node:crypto';
import type { AuditEntry } from '../../common/api/company';
import type { OfficeDb } from '../db/database';
import type { AuditLogTable } from '../db/schema';
import { isoAt } from '../time';
import { decodeCursor, encodeCursor, pageOf, pastCursor } from './cursor';

/** Who did it: a signed-in admin, or the system itself (bootstrap, recovery). */
export interface Actor {
  id: string | null;
  name: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system' };

export async function writeAudit(
  db: OfficeDb,
  now: number,
  actor: Actor,
  action: string,
  target: { type: string; id: string | null },
  details: Record<string, unknown> = {},
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      id: randomUUID(),
      at: isoAt(now),
      actor_id: actor.id,
      actor_name: actor.name,
      action,
      target_type: target.type,
      target_id: target.id,
      details_json: JSON.stringify(details),
    })
    .execute();
}

type AuditRow = AuditLogTable & { target_name: string | null };

const emailIn = (details: Record<string, unknown>) =>
  typeof details.email === 'string' ? details.email : null;

function toEntry(row: AuditRow, keptEmails: Map<string, string>): AuditEntry {
  const details = JSON.parse(row.details_json) as Record<string, unknown>;
  return {
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    targetName:
      row.target_name ?? emailIn(details) ?? (row.target_id ? (keptEmails.get(row.target_id) ?? null) : null),
    details,
  };
}

/**
 * The emails that the creation or deletion entries kept for deleted users among `rows`, so every
 * entry about a user who is gone names them, not only the entries that kept an email.
 */
async function keptEmailsOfDeletedUsers(db: OfficeDb, rows: AuditRow[]): Promise<Map<string, string>> {
  const ids = [
    ...new Set(
      rows
        .filter((row) => row.target_type === 'user' && row.target_id && row.target_name === null)
        .map((row) => row.target_id!),
    ),
  ];
  const emails = new Map<string, string>();
  if (ids.length === 0) return emails;
  const kept = await db
    .selectFrom('audit_log')
    .select(['target_id', 'action', 'details_json'])
    .where('target_type', '=', 'user')
    .where('target_id', 'in', ids)
    .where('action', 'in', ['user.created', 'user.deleted'])
    .execute();
  for (const row of kept) {
    const email = emailIn(JSON.parse(row.details_json) as Record<string, unknown>);
    // The deletion kept the email the user last had; creation, the one they started with.
    if (email && row.target_id && (row.action === 'user.deleted' || !emails.has(row.target_id)))
      emails.set(row.target_id, email);
  }
  return emails;
}

export async function listAudit(db: OfficeDb, limit: number, before?: string) {
  let query = db
    .selectFrom('audit_log')
    .selectAll('audit_log')
    .select((eb) =>
      eb
        .selectFrom('users')
        .select('users.name')
        .whereRef('users.id', '=', 'audit_log.target_id')
        .where('audit_log.target_type', '=', 'user')
        .limit(1)
        .as('target_name'),
    );
  if (before) query = query.where(pastCursor('at', 'id', decodeCursor(before), 'desc'));
  const rows = await query
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const keptEmails = await keptEmailsOfDeletedUsers(db, rows);
  return pageOf(
    rows.map((row) => toEntry(row, keptEmails)),
    limit,
    (entry) => encodeCursor(entry.at, entry.id),
  );
}
