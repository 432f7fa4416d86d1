// The Idempotency-Key store: one row per key a user's app sent, with the first answer once known.
import type { OfficeDb } from './database';
import type { IdempotencyKeyTable } from './schema';
import { isoAt } from '../time';

/** Forgets the user's keys made before `before`, and the oldest past `max` less one (room for one more). */
export async function makeRoomForKey(
  db: OfficeDb,
  userId: string,
  before: number,
  max: number,
): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('user_id', '=', userId)
    .where('created_at', '<', isoAt(before))
    .execute();
  const { count } = await db
    .selectFrom('idempotency_keys')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  const excess = Number(count) - max + 1;
  if (excess <= 0) return;
  const oldest = db
    .selectFrom('idempotency_keys')
    .select('key')
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('key')
    .limit(excess);
  await db.deleteFrom('idempotency_keys').where('user_id', '=', userId).where('key', 'in', oldest).execute();
}

/** Takes the key for a request about to be answered; false when the user already used it. */
export async function claimKey(
  db: OfficeDb,
  userId: string,
  key: string,
  fingerprint: string,
  now: number,
): Promise<boolean> {
  const claimed = await db
    .insertInto('idempotency_keys')
    .values({ user_id: userId, key, fingerprint, status: null, body: null, created_at: isoAt(now) })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .executeTakeFirst();
  return Number(claimed.numInsertedOrUpdatedRows ?? 0) !== 0;
}

export async function findKey(db: OfficeDb, userId: string, key: string): Promise<IdempotencyKeyTable> {
  return db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .executeTakeFirstOrThrow();
}

/** Keeps the first answer (its status and JSON body) to replay to repeats. */
export async function keepOutcome(
  db: OfficeDb,
  userId: string,
  key: string,
  outcome: { status: number; body: string | null },
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set(outcome)
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .execute();
}

export async function forgetKey(db: OfficeDb, userId: string, key: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('user_id', '=', userId).where('key', '=', key).execute();
}
