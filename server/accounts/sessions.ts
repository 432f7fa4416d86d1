import { randomUUID } from 'node:crypto';
import type { Scope, SessionEndReason } from '../../common/api/auth';
import type { OfficeDb } from '../db/database';
import type { Clock } from '../time';
import type { CompanySettings } from '../directory/company-settings';
import { OfficeError } from '../errors';
import { assertMaySignIn } from './sign-in-rules';
import { isoAt } from '../time';
import { hashSecret, newRefreshSecret, parseRefreshToken, type AccessTokens } from './tokens';
import type { CompanyTable, SessionTable } from '../db/schema';

export const ACCESS_TOKEN_SECONDS = 10 * 60;
const SESSION_MAX_DAYS = 30;
/**
 * A refresh retried with the token just replaced, this soon after, is a lost answer (a laptop
 * dropping off Wi-Fi mid-request), not a copied token: it gets a fresh pair instead of a revoke.
 */
export const REFRESH_GRACE_MS = 30_000;
/** last_used_at is written at most this often, so reads do not each turn into a write. */
const TOUCH_INTERVAL_MS = 60_000;

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

/** What sessions are kept with: the database, the clock, the token signer and the company's limits. */
export interface SessionServices {
  db: OfficeDb;
  clock: Clock;
  accessTokens: AccessTokens;
  company: CompanySettings;
}

/** The signed-in caller of a request. */
export interface Caller {
  sessionId: string;
  scope: Scope;
  userId: string;
  name: string;
  email: string;
  role: 'user' | 'admin' | 'superadmin';
  mustChangePassword: boolean;
}

function issueAccessToken(
  services: Pick<SessionServices, 'accessTokens' | 'clock'>,
  sessionId: string,
  userId: string,
  scope: Scope,
): string {
  return services.accessTokens.sign({
    sessionId,
    userId,
    scope,
    expiresAt: services.clock() + ACCESS_TOKEN_SECONDS * 1000,
  });
}

export async function startSession(
  services: SessionServices,
  userId: string,
  scope: Scope,
  remember = false,
): Promise<IssuedTokens> {
  const now = services.clock();
  const maxDays = remember ? (await services.company.get()).remembered_session_days : SESSION_MAX_DAYS;
  const id = randomUUID();
  const secret = newRefreshSecret();
  await services.db
    .insertInto('sessions')
    .values({
      id,
      user_id: userId,
      scope,
      refresh_hash: hashSecret(secret),
      previous_refresh_hash: null,
      rotated_at: null,
      remember: remember ? 1 : 0,
      created_at: isoAt(now),
      last_used_at: isoAt(now),
      expires_at: isoAt(now + maxDays * 86_400_000),
      revoked_at: null,
      end_reason: null,
    })
    .execute();
  return {
    accessToken: issueAccessToken(services, id, userId, scope),
    refreshToken: `${id}.${secret}`,
    expiresIn: ACCESS_TOKEN_SECONDS,
  };
}

/** The refusal of a session that has ended, saying why when the office knows. */
const sessionExpired = (reason?: SessionEndReason | null) =>
  new OfficeError(
    401,
    'session_expired',
    'The session has ended; sign in again',
    undefined,
    reason ?? undefined,
  );

type SessionLimits = Pick<SessionTable, 'scope' | 'remember' | 'last_used_at' | 'expires_at'>;

/**
 * Which limit a session is past, if any: the absolute one always; the idle one by scope (an
 * elevated session has the company's shorter admin limit, a remembered one none).
 */
function pastLimits(session: SessionLimits, company: CompanyTable, now: number): 'expired' | 'idle' | null {
  if (Date.parse(session.expires_at) <= now) return 'expired';
  const idleMinutes = idleLimitMinutes(session.scope, session.remember === 1, company);
  return idleMinutes !== null && Date.parse(session.last_used_at) + idleMinutes * 60_000 <= now
    ? 'idle'
    : null;
}

/** Minutes without a request after which a session ends; null for a remembered one (no idle limit). */
export function idleLimitMinutes(scope: Scope, remember: boolean, company: CompanyTable): number | null {
  if (scope === 'admin') return company.admin_idle_timeout_minutes;
  return remember ? null : company.idle_session_timeout_minutes;
}

/** A live session with its user, or the precise reason it cannot be used. */
async function liveSession(services: Pick<SessionServices, 'db' | 'clock' | 'company'>, sessionId: string) {
  const row = await services.db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.scope',
      'sessions.refresh_hash',
      'sessions.previous_refresh_hash',
      'sessions.rotated_at',
      'sessions.remember',
      'sessions.last_used_at',
      'sessions.expires_at',
      'sessions.revoked_at',
      'sessions.end_reason',
      'users.id as user_id',
      'users.name',
      'users.email',
      'users.role',
      'users.status',
      'users.portal_access',
      'users.must_change_password',
    ])
    .where('sessions.id', '=', sessionId)
    .executeTakeFirst();
  if (!row || row.revoked_at !== null) throw sessionExpired(row?.end_reason);
  const now = services.clock();
  const past = pastLimits(row, await services.company.get(), now);
  if (past) {
    await revokeSession(services.db, sessionId, now, past);
    throw sessionExpired(past);
  }
  assertMaySignIn(row, row.scope);
  return row;
}

/** Checks an access token and its session; touches the session so idle time restarts. */
export async function authenticate(services: SessionServices, accessToken: string): Promise<Caller> {
  const claims = services.accessTokens.verify(accessToken);
  if (!claims || claims.expiresAt <= services.clock()) {
    throw new OfficeError(401, 'unauthenticated', 'The access token is missing, invalid or expired');
  }
  const row = await liveSession(services, claims.sessionId);
  const now = services.clock();
  if (Date.parse(row.last_used_at) + TOUCH_INTERVAL_MS <= now) {
    await services.db
      .updateTable('sessions')
      .set({ last_used_at: isoAt(now) })
      .where('id', '=', row.id)
      .execute();
  }
  return {
    sessionId: row.id,
    scope: row.scope,
    userId: row.user_id,
    name: row.name,
    email: row.email,
    role: row.role,
    mustChangePassword: row.must_change_password === 1,
  };
}

/**
 * Swaps a refresh token for a new pair. Presenting the token that was just replaced means it
 * was copied: the whole session is revoked, as OAuth's refresh-token rotation advises.
 */
export async function refreshSession(services: SessionServices, refreshToken: string): Promise<IssuedTokens> {
  const parsed = parseRefreshToken(refreshToken);
  if (!parsed) throw sessionExpired();
  const row = await liveSession(services, parsed.sessionId);
  const presented = hashSecret(parsed.secret);
  const now = services.clock();
  const retriedInGrace =
    presented === row.previous_refresh_hash &&
    row.rotated_at !== null &&
    Date.parse(row.rotated_at) + REFRESH_GRACE_MS > now;
  if (presented !== row.refresh_hash && !retriedInGrace) {
    if (presented !== row.previous_refresh_hash) throw sessionExpired();
    await revokeSession(services.db, row.id, now, 'token-reused');
    throw sessionExpired('token-reused');
  }
  const secret = newRefreshSecret();
  // A retry in the grace replaces the pair whose answer was lost; the grace does not restart.
  const rotated = await services.db
    .updateTable('sessions')
    .set({
      refresh_hash: hashSecret(secret),
      previous_refresh_hash: presented,
      rotated_at: retriedInGrace ? row.rotated_at : isoAt(now),
      last_used_at: isoAt(now),
    })
    .where('id', '=', row.id)
    .where('refresh_hash', '=', row.refresh_hash)
    .executeTakeFirst();
  // Two refreshes raced with one token: only the first wins.
  if (Number(rotated.numUpdatedRows) !== 1) throw sessionExpired();
  return {
    accessToken: issueAccessToken(services, row.id, row.user_id, row.scope),
    refreshToken: `${row.id}.${secret}`,
    expiresIn: ACCESS_TOKEN_SECONDS,
  };
}

export async function revokeSession(
  db: OfficeDb,
  sessionId: string,
  now: number,
  reason: SessionEndReason,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ revoked_at: isoAt(now), end_reason: reason })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Ends every session of the user (but `keepSessionId`'s), recording why for the apps to say. */
export async function revokeUserSessions(
  db: OfficeDb,
  userId: string,
  now: number,
  reason: SessionEndReason,
  keepSessionId?: string,
) {
  let update = db
    .updateTable('sessions')
    .set({ revoked_at: isoAt(now), end_reason: reason })
    .where('user_id', '=', userId);
  if (keepSessionId) update = update.where('id', '!=', keepSessionId);
  await update.where('revoked_at', 'is', null).execute();
}

/** Signs out with a live access token alone. */
export async function endSessionByAccessToken(services: SessionServices, accessToken: string): Promise<void> {
  const caller = await authenticate(services, accessToken);
  await revokeSession(services.db, caller.sessionId, services.clock(), 'signed-out');
}

/** Signs out with the refresh token alone (the access token may already have expired). */
export async function endSessionByRefreshToken(
  services: Pick<SessionServices, 'db' | 'clock'>,
  refreshToken: string,
): Promise<void> {
  const parsed = parseRefreshToken(refreshToken);
  if (!parsed) return;
  const row = await services.db
    .selectFrom('sessions')
    .select(['id', 'refresh_hash'])
    .where('id', '=', parsed.sessionId)
    .executeTakeFirst();
  if (row && row.refresh_hash === hashSecret(parsed.secret))
    await revokeSession(services.db, row.id, services.clock(), 'signed-out');
}

/**
 * Which of these sessions may still be used: not revoked, not past their absolute or idle limit,
 * their user still allowed to sign in with that scope. For long-lived listeners (the push
 * channel) that present no token after they open.
 */
export async function liveSessionIds(
  services: Pick<SessionServices, 'db' | 'clock' | 'company'>,
  sessionIds: string[],
): Promise<Set<string>> {
  const live = new Set<string>();
  const now = services.clock();
  const company = await services.company.get();
  for (let start = 0; start < sessionIds.length; start += 500) {
    const rows = await services.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'sessions.id',
        'sessions.scope',
        'sessions.remember',
        'sessions.last_used_at',
        'sessions.expires_at',
        'users.role',
        'users.status',
        'users.portal_access',
      ])
      .where('sessions.id', 'in', sessionIds.slice(start, start + 500))
      .where('sessions.revoked_at', 'is', null)
      .execute();
    for (const row of rows) {
      if (pastLimits(row, company, now)) continue;
      try {
        assertMaySignIn(row, row.scope);
        live.add(row.id);
      } catch {
        // suspended, portal access off, or no longer an administrator
      }
    }
  }
  return live;
}
