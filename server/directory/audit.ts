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

function toEntry(row: AuditLogTable & { target_name: string | null }): AuditEntry {
  const details = JSON.parse(row.details_json) as Record<string, unknown>;
  return {
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    targetName: row.target_name ?? (typeof details.email === 'string' ? details.email : null),
    details,
  };
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
  return pageOf(rows.map(toEntry), limit, (entry) => encodeCursor(entry.at, entry.id));
}
