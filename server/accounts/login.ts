import type { LoginRequest, LoginResponse } from '../../common/api/auth';
import type { CompanyTable, UserTable } from '../db/schema';
import { OfficeError } from '../errors';
import { assertMaySignIn } from './sign-in-rules';
import { findUserByLogin } from '../directory/users';
import { readLoginName } from '../directory/login-name';
import { decoyPasswordHash, verifyPassword } from './passwords';
import { idleLimitMinutes, startSession, type SessionServices } from './sessions';
import type { LoginThrottle } from './login-throttle';
import type { LockoutNotices } from './lockout-notice';
import { clearAccountGuesses, takeAccountGuess } from './account-lockout';
import {
  deviceSignedIn,
  findKnownDevice,
  forgetSpentDevice,
  rememberDevice,
  takeDeviceGuess,
} from './known-devices';

const invalidCredentials = () =>
  new OfficeError(401, 'invalid_credentials', 'The extension or email and password do not match');
export const accountLocked = () =>
  new OfficeError(429, 'account_locked', 'Too many failed sign-ins; try again later or ask an administrator');
export const addressBlocked = () =>
  new OfficeError(429, 'too_many_requests', 'Too many failed attempts from this address; try again later');

/** What a sign-in is checked with and started from: the sessions' services, the throttle, the lockout mail. */
export interface LoginServices extends SessionServices {
  loginThrottle: LoginThrottle;
  lockoutNotices: LockoutNotices;
}

/**
 * Sign-in. From a device the account signed in from before (its token, known-devices.ts), the
 * password is checked against the device's own count of wrong guesses: a stranger's lock does not
 * keep the owner out. From anywhere else, see `checkFromStranger`.
 */
export async function login(
  services: LoginServices,
  request: LoginRequest,
  address: string,
): Promise<LoginResponse> {
  const { db } = services;
  const company = await services.company.get();
  // Counted by what it names (a phone number in E.164 however typed), looked up the same way.
  const name = readLoginName(request.login, request.country);
  const loginKey = name.key;
  const user = await findUserByLogin(db, name);
  // Looked up whenever a token comes, whatever the login: the work tells nothing of the account.
  const device =
    request.deviceToken === undefined ? undefined : await findKnownDevice(db, request.deviceToken);
  const fromKnownDevice =
    user !== undefined &&
    device?.user_id === user.id &&
    (await takeDeviceGuess(db, device.id, company.lockout_threshold));
  let signedIn: UserTable;
  if (fromKnownDevice) {
    if (!(await verifyPassword(request.password, user.password_hash))) {
      await forgetSpentDevice(db, device.id, company.lockout_threshold);
      throw invalidCredentials();
    }
    // The stranger's lock, if any, stays.
    await deviceSignedIn(db, device.id, services.clock());
    signedIn = user;
  } else {
    signedIn = await checkFromStranger(services, user, loginKey, request.password, address, company);
  }
  assertMaySignIn(signedIn, request.scope);
  const tokens = await startSession(services, signedIn.id, request.scope, request.remember ?? false);
  const extension = await db
    .selectFrom('extensions')
    .select('number')
    .where('user_id', '=', signedIn.id)
    .executeTakeFirst();
  return {
    ...tokens,
    idleMinutes: idleLimitMinutes(request.scope, request.remember ?? false, company),
    mustChangePassword: signedIn.must_change_password === 1,
    user: {
      id: signedIn.id,
      name: signedIn.name,
      email: signedIn.email,
      role: signedIn.role,
      extension: extension?.number ?? null,
    },
    deviceToken:
      fromKnownDevice && request.deviceToken !== undefined
        ? request.deviceToken
        : await rememberDevice(db, signedIn.id, services.clock()),
  };
}

/**
 * A sign-in from a device the account does not know. Every attempt is counted before its
 * password is checked: per address, per login as typed and, when the login names an account,
 * against the account in the database; a password is checked only while none of them is at its
 * limit. The guess that locks the account, if wrong, has its owner mailed (lockout-notice.ts).
 * The answers depend only on the login as typed: an unknown login, and a known one whose account
 * was locked through its other login (email or extension), both answer "do not match", so neither
 * the answers nor their timing (the same scrypt work) tell whether an account exists or which
 * email owns which extension. Account state (suspended, no portal access, no admin rights) is
 * told only after the right password. Returns the account only when the password is right.
 */
async function checkFromStranger(
  services: LoginServices,
  user: UserTable | undefined,
  loginKey: string,
  password: string,
  address: string,
  company: CompanyTable,
): Promise<UserTable> {
  const { loginThrottle, db } = services;
  if (!loginThrottle.takeAddressAttempt(address)) throw addressBlocked();
  if (!loginThrottle.takeLoginAttempt(loginKey, company.lockout_threshold, company.lockout_minutes)) {
    // Known or not, a locked login answers the same at once: no password work to time.
    loginThrottle.giveBackAddressAttempt(address);
    throw accountLocked();
  }
  const guess = user ? await takeAccountGuess(db, user.id, company, services.clock(), address) : 'refused';
  const matches =
    user && guess !== 'refused'
      ? await verifyPassword(password, user.password_hash)
      : await verifyPassword(password, await decoyPasswordHash());
  if (!matches || !user) {
    if (user && guess === 'locks') services.lockoutNotices.announce(user.id);
    throw invalidCredentials();
  }
  loginThrottle.giveBackAddressAttempt(address);
  loginThrottle.clearLogins(loginKey);
  await clearAccountGuesses(db, user.id);
  return user;
}
