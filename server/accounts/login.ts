import type { LoginRequest, LoginResponse } from '../../common/api/auth';
import type { Office } from '../office';
import { OfficeError } from '../errors';
import { assertMaySignIn } from './sign-in-rules';
import { isoAt } from '../time';
import { findUserByLogin } from '../directory/users';
import { decoyPasswordHash, verifyPassword } from './passwords';
import { startSession } from './sessions';

const invalidCredentials = () =>
  new OfficeError(401, 'invalid_credentials', 'The extension or email and password do not match');
const accountLocked = () =>
  new OfficeError(429, 'account_locked', 'Too many failed sign-ins; try again later or ask an administrator');

/**
 * Sign-in. Unknown accounts cost the same scrypt time and lock after the same number of tries
 * as real ones, so neither the answers nor their timing say whether an account exists.
 * Account state (suspended, no portal access, no admin rights) is told only after the right
 * password.
 */
export async function login(office: Office, request: LoginRequest, address: string): Promise<LoginResponse> {
  const { loginThrottle, db } = office;
  if (loginThrottle.addressBlocked(address)) {
    throw new OfficeError(
      429,
      'too_many_requests',
      'Too many failed sign-ins from this address; try again later',
    );
  }
  const company = await office.company.get();
  const loginKey = request.login.trim().toLowerCase();
  const user = await findUserByLogin(db, loginKey);
  const now = office.clock();

  if (!user) {
    await verifyPassword(request.password, await decoyPasswordHash());
    if (loginThrottle.unknownLoginLocked(loginKey)) throw accountLocked();
    loginThrottle.recordAddressFailure(address);
    loginThrottle.recordUnknownLoginFailure(loginKey, company.lockout_threshold, company.lockout_minutes);
    throw invalidCredentials();
  }

  const locked = user.locked_until !== null && Date.parse(user.locked_until) > now;
  const passwordMatches = await verifyPassword(request.password, user.password_hash);
  if (locked) throw accountLocked();
  if (!passwordMatches) {
    loginThrottle.recordAddressFailure(address);
    const failures = user.failed_login_count + 1;
    const lock = failures >= company.lockout_threshold;
    await db
      .updateTable('users')
      .set({
        failed_login_count: lock ? 0 : failures,
        locked_until: lock ? isoAt(now + company.lockout_minutes * 60_000) : user.locked_until,
      })
      .where('id', '=', user.id)
      .execute();
    throw invalidCredentials();
  }

  assertMaySignIn(user, request.scope);
  if (user.failed_login_count !== 0 || user.locked_until !== null) {
    await db
      .updateTable('users')
      .set({ failed_login_count: 0, locked_until: null })
      .where('id', '=', user.id)
      .execute();
  }
  const tokens = await startSession(office, user.id, request.scope, request.remember ?? false);
  const extension = await db
    .selectFrom('extensions')
    .select('number')
    .where('user_id', '=', user.id)
    .executeTakeFirst();
  return {
    ...tokens,
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
