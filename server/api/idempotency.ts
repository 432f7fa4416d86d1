import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { OfficeDb } from '../db/database';
import { claimKey, findKey, forgetKey, keepOutcome, makeRoomForKey } from '../db/idempotency-keys';
import { OfficeError } from '../errors';
import type { Clock } from '../time';

/** The optional `Idempotency-Key` header: an app's own id for one action it may send again. */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' })),
});

/** What a request answered: replayed as it was to every repeat of its key. */
export interface Outcome {
  status: number;
  body?: unknown;
}

/** Where keys are kept, and the clock that ages them. */
export interface IdempotencyServices {
  db: OfficeDb;
  clock: Clock;
}

const KEEP_MS = 24 * 60 * 60_000;
/** Keys one user's apps may hold at once; the oldest give way (an app replays within hours). */
export const MAX_KEYS_PER_USER = 1_000;

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
  services: IdempotencyServices,
  userId: string,
  key: string | undefined,
  fingerprint: string,
  act: () => Promise<Outcome>,
): Promise<Outcome & { replayed: boolean }> {
  if (key === undefined) return { ...(await act()), replayed: false };
  const { db } = services;
  const now = services.clock();
  await makeRoomForKey(db, userId, now - KEEP_MS, MAX_KEYS_PER_USER);
  if (!(await claimKey(db, userId, key, fingerprint, now))) {
    const first = await findKey(db, userId, key);
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
      await forgetKey(db, userId, key);
      throw error;
    }
    outcome = refusalOutcome(error);
  }
  await keepOutcome(db, userId, key, {
    status: outcome.status,
    body: outcome.body === undefined ? null : JSON.stringify(outcome.body),
  });
  return { ...outcome, replayed: false };
}

/** Answers the request through `once`, keyed by its Idempotency-Key header; says whether it was a replay. */
export async function answerOnce(
  services: IdempotencyServices,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  fingerprint: string,
  act: () => Promise<Outcome>,
): Promise<FastifyReply> {
  const key = (request.headers as { 'idempotency-key'?: string })['idempotency-key'];
  const outcome = await once(services, userId, key, fingerprint, act);
  return reply
    .status(outcome.status)
    .header('idempotent-replayed', String(outcome.replayed))
    .send(outcome.body);
}
