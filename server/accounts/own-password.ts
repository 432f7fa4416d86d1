import type { ChangePasswordRequest } from '../../common/api/me';
import { OfficeError } from '../errors';
import { findUserRow } from '../directory/users';
import { hashPassword, verifyPassword } from './passwords';
import { assertPasswordAllowed } from './password-policy';
import { replacePassword } from './replace-password';
import { clearAccountGuesses, takeAccountGuess } from './account-lockout';
import { accountLocked, addressBlocked, type LoginServices } from './login';
import type { Caller } from './sessions';

/**
 * A user changes their own password: other sessions end, this one goes on. A wrong current
 * password counts against the same limits as a wrong sign-in (address and account), so a
 * stolen session cannot be used to guess the password.
 */
export async function changeOwnPassword(
  services: Pick<LoginServices, 'db' | 'clock' | 'company' | 'loginThrottle' | 'lockoutNotices'>,
  caller: Caller,
  request: ChangePasswordRequest,
  address: string,
) {
  const { db, loginThrottle } = services;
  const company = await services.company.get();
  const user = await findUserRow(db, caller.userId);
  const { password_hash: currentHash } = await db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', caller.userId)
    .executeTakeFirstOrThrow();
  if (!loginThrottle.takeAddressAttempt(address)) throw addressBlocked();
  const guess = await takeAccountGuess(db, caller.userId, company, services.clock(), address);
  if (guess === 'refused') {
    loginThrottle.giveBackAddressAttempt(address);
    throw accountLocked();
  }
  if (!(await verifyPassword(request.currentPassword, currentHash))) {
    if (guess === 'locks') services.lockoutNotices.announce(caller.userId);
    throw new OfficeError(
      400,
      'invalid_credentials',
      'The current password is not right',
      'body.currentPassword',
    );
  }
  loginThrottle.giveBackAddressAttempt(address);
  await clearAccountGuesses(db, caller.userId);
  if (request.newPassword === request.currentPassword) {
    throw new OfficeError(
      400,
      'password_reused',
      'Choose a password different from the current one',
      'body.newPassword',
    );
  }
  assertPasswordAllowed(request.newPassword, company.min_password_length, user, 'body.newPassword');
  const passwordHash = await hashPassword(request.newPassword);
  await db.transaction().execute(async (trx) => {
    await replacePassword(trx, caller.userId, passwordHash, services.clock(), {
      mustChange: false,
      keepSessionId: caller.sessionId,
      reason: 'password-changed',
      knownDevices: 'keep',
    });
  });
}
