import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { OfficeDb } from '../db/database';
import type { OfficeServices } from '../office-services';
import { OfficeError } from '../errors';
import { isoAt } from '../time';

/** The optional `Idempotency-Key` header: an app's own id for one action it may send again. */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })),
});

/** What a request answered: replayed as it was to every repeat of its key. */
export interface Outcome {
  status: number;
  body?: unknown;
}

const KEEP_MS = 24 * 60 * 60_000;
/** Keys one user's apps may hold at once; the oldest give way (an app replays within hours). */
export const MAX_KEYS_PER_USER = 1_000;

/** Forgets the user's keys older than a day, and the oldest past the cap less one. */
async function makeRoom(db: OfficeDb, userId: string, now: number): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('user_id', '=', userId)
    .where('created_at', '<', isoAt(now - KEEP_MS))
    .execute();
  const { count } = await db
    .selectFrom('idempotency_keys')
    .select((eb) => eb.fn.countAll<string | number>().as('count'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  const excess = Number(count) - MAX_KEYS_PER_USER + 1;
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

function refusalOutcome(error: OfficeError): Outcome {
  const field = error.field === undefined ? {} : { field: error.field };
  return { status: error.status, body: { error: { code: error.code, message: error.message, ...field } } };
}

/**
 * Runs `act` once per key: the first request with a key acts and its outcome (success or
 * refusal) is kept a day; a repeat gets that outcome again without acting. The same key for
 * another request, or while the first is still being answered, is a 409. Without a key,
 * `act` simply runs. A failure of the server's own (5xx) keeps nothing, so a retry may act.
 */
export async function once(
  office: OfficeServices,
  userId: string,
  key: string | undefined,
  fingerprint: string,
  act: () => Promise<Outcome>,
): Promise<Outcome & { replayed: boolean }> {
  if (key === undefined) return { ...(await act()), replayed: false };
  const { db } = office;
  const now = office.clock();
  await makeRoom(db, userId, now);
  const claimed = await db
    .insertInto('idempotency_keys')
    .values({ user_id: userId, key, fingerprint, status: null, body: null, created_at: isoAt(now) })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .executeTakeFirst();
  if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) {
    const first = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('user_id', '=', userId)
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    if (first.fingerprint !== fingerprint) {
      throw new OfficeError(409, 'conflict', 'This Idempotency-Key was already used for another request');
    }
    if (first.status === null) {
      throw new OfficeError(
        409,
        'conflict',
        'The first request with this Idempotency-Key is still being answered',
      );
    }
    return {
      status: first.status,
      body: first.body === null ? undefined : JSON.parse(first.body),
      replayed: true,
    };
  }
  let outcome: Outcome;
  try {
    outcome = await act();
  } catch (error) {
    if (!(error instanceof OfficeError) || error.status >= 500) {
      await db.deleteFrom('idempotency_keys').where('user_id', '=', userId).where('key', '=', key).execute();
      throw error;
    }
    outcome = refusalOutcome(error);
  }
  await db
    .updateTable('idempotency_keys')
    .set({ status: outcome.status, body: outcome.body === undefined ? null : JSON.stringify(outcome.body) })
    .where('user_id', '=', userId)
    .where('key', '=', key)
    .execute();
  return { ...outcome, replayed: false };
}

/** Answers the request through `once`, keyed by its Idempotency-Key header; says whether it was a replay. */
export async function answerOnce(
  office: OfficeServices,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  fingerprint: string,
  act: () => Promise<Outcome>,
): Promise<FastifyReply> {
  const key = (request.headers as { 'idempotency-key'?: string })['idempotency-key'];
  const outcome = await once(office, userId, key, fingerprint, act);
  return reply
    .status(outcome.status)
    .header('idempotent-replayed', String(outcome.replayed))
    .send(outcome.body);
}
