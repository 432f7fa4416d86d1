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

/** What a write did to a resource: its audit action is `<noun>.<WriteAction>`. */
export type WriteAction = 'created' | 'updated' | 'deleted';

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

type AuditRow = AuditLogTable & { target_name: string | null; current_actor_name?: string };

/** What an entry's details call its target, when they do: its name, number, label, model or email. */
function nameIn(detailsJson: string): string | null {
  const details = JSON.parse(detailsJson) as Record<string, unknown>;
  for (const field of ['name', 'number', 'label', 'model', 'email']) {
    const value = details[field];
    if (typeof value === 'string' && value.length > 0 && value.length <= 254) return value;
  }
  return null;
}

/** A target as the log knows it: ids are only unique within a type. */
const targetKey = (entry: { target_type: string; target_id: string | null }) =>
  `${entry.target_type}/${entry.target_id}`;

function toEntry(row: AuditRow, namedByTrail: Map<string, string>): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.current_actor_name ?? row.actor_name,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    targetName: row.target_name ?? namedByTrail.get(targetKey(row)) ?? null,
    details: JSON.parse(row.details_json) as Record<string, unknown>,
  };
}

/**
 * The name the log itself last recorded for each target on the page that is not a present user
 * or device: a deleted user or device by the email or label its deletion kept, a group, template
 * or number by the name, number or label its newest entry gave. Every entry about a target then
 * names it, not only the entries that carried a name.
 */
async function namesInTheTrail(db: OfficeDb, rows: AuditRow[]): Promise<Map<string, string>> {
  const ids = [
    ...new Set(rows.filter((row) => row.target_id && row.target_name === null).map((row) => row.target_id!)),
  ];
  const names = new Map<string, string>();
  if (ids.length === 0) return names;
  const trail = await db
    .selectFrom('audit_log')
    .select(['target_type', 'target_id', 'action', 'details_json'])
    .where('target_id', 'in', ids)
    .orderBy('at', 'asc')
    .orderBy('id', 'asc')
    .execute();
  // Newest last, and a deletion last of all: entries of the same millisecond have no order.
  const deletedLast = [
    ...trail.filter((entry) => !entry.action.endsWith('.deleted')),
    ...trail.filter((entry) => entry.action.endsWith('.deleted')),
  ];
  for (const entry of deletedLast) {
    const name = nameIn(entry.details_json);
    if (name) names.set(targetKey(entry), name);
  }
  return names;
}

export async function listAudit(db: OfficeDb, limit: number, before?: string) {
  let query = db
    .selectFrom('audit_log')
    .selectAll('audit_log')
    // A present user by their name, a present device by its label (an app's softphone has none).
    .select((eb) =>
      eb.fn
        .coalesce(
          eb
            .selectFrom('users')
            .select('users.name')
            .whereRef('users.id', '=', 'audit_log.target_id')
            .where('audit_log.target_type', '=', 'user')
            .limit(1),
          eb
            .selectFrom('devices')
            .select('devices.label')
            .whereRef('devices.id', '=', 'audit_log.target_id')
            .where('audit_log.target_type', '=', 'device')
            .where('devices.label', '!=', '')
            .limit(1),
        )
        .as('target_name'),
    )
    // Who did it by the name they have now (renamed since, or named by the office in another
    // language); one who is gone by the name the entry kept.
    .select((eb) =>
      eb.fn
        .coalesce(
          eb
            .selectFrom('users')
            .select('users.name')
            .whereRef('users.id', '=', 'audit_log.actor_id')
            .limit(1),
          eb.ref('audit_log.actor_name'),
        )
        .as('current_actor_name'),
    );
  if (before) query = query.where(pastCursor('at', 'id', decodeCursor(before), 'desc'));
  const rows = await query
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const namedByTrail = await namesInTheTrail(db, rows);
  return pageOf(
    rows.map((row) => toEntry(row, namedByTrail)),
    limit,
    (entry) => encodeCursor(entry.at, entry.id),
  );
}
