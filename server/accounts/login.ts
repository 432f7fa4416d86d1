import type { LoginRequest, LoginResponse } from '../../common/api/auth';
import { OfficeError } from '../errors';
import { assertMaySignIn } from './sign-in-rules';
import { findUserByLogin } from '../directory/users';
import { decoyPasswordHash, verifyPassword } from './passwords';
import { idleLimitMinutes, startSession, type SessionServices } from './sessions';
import type { LoginThrottle } from './login-throttle';
import { clearAccountGuesses, takeAccountGuess } from './account-lockout';

const invalidCredentials = () =>
  new OfficeError(401, 'invalid_credentials', 'The extension or email and password do not match');
export const accountLocked = () =>
  new OfficeError(429, 'account_locked', 'Too many failed sign-ins; try again later or ask an administrator');
export const addressBlocked = () =>
  new OfficeError(429, 'too_many_requests', 'Too many failed attempts from this address; try again later');

/** What a sign-in is checked with and started from: the sessions' services and the sign-in throttle. */
export interface LoginServices extends SessionServices {
  loginThrottle: LoginThrottle;
}

/**
 * Sign-in. Every attempt is counted before its password is checked: per address, per login
 * as typed and, when the login names an account, against the account in the database; a
 * password is checked only while none of them is at its limit.
 * The answers depend only on the login as typed: an unknown login, and a known one whose
 * account was locked through its other login (email or extension), both answer "do not
 * match", so neither the answers nor their timing (the same scrypt work) tell whether an
 * account exists or which email owns which extension. Account state (suspended, no portal
 * access, no admin rights) is told only after the right password.
 */
export async function login(
  services: LoginServices,
  request: LoginRequest,
  address: string,
): Promise<LoginResponse> {
  const { loginThrottle, db } = services;
  const company = await services.company.get();
  const loginKey = request.login.trim().toLowerCase();
  const user = await findUserByLogin(db, loginKey);
  if (!loginThrottle.takeAddressAttempt(address)) throw addressBlocked();
  if (!loginThrottle.takeLoginAttempt(loginKey, company.lockout_threshold, company.lockout_minutes)) {
    // Known or not, a locked login answers the same at once: no password work to time.
    loginThrottle.giveBackAddressAttempt(address);
    throw accountLocked();
  }
  const checked = user !== undefined && (await takeAccountGuess(db, user.id, company, services.clock()));
  const matches = checked
    ? await verifyPassword(request.password, user.password_hash)
    : await verifyPassword(request.password, await decoyPasswordHash());
  if (!matches || !user) throw invalidCredentials();

  loginThrottle.giveBackAddressAttempt(address);
  loginThrottle.clearLogins(loginKey);
  await clearAccountGuesses(db, user.id);
  assertMaySignIn(user, request.scope);
  const tokens = await startSession(services, user.id, request.scope, request.remember ?? false);
  const extension = await db
    .selectFrom('extensions')
    .select('number')
    .where('user_id', '=', user.id)
    .executeTakeFirst();
  return {
    ...tokens,
    idleMinutes: idleLimitMinutes(request.scope, request.remember ?? false, company),
    mustChangePassword: user.must_change_password === 1,
    user: {
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      extension: extension?.number ?? null,
    },
  };
}
