import type { SessionEndReason } from '../../common/api/auth';
import type { OfficeDb } from '../db/database';
import { isoAt } from '../time';
import { revokeUserSessions } from './sessions';
import { forgetFailedSignIns } from './account-lockout';
import { forgetKnownDevices } from './known-devices';

export interface ReplacePasswordOptions {
  /** Whether the user must choose their own at the next sign-in (set by someone else). */
  mustChange: boolean;
  /** The session that made the change goes on; every other one ends. */
  keepSessionId?: string;
  /** What the apps of the ended sessions are told. */
  reason: Extract<SessionEndReason, 'password-reset' | 'password-changed'>;
  /**
   * Whether the devices the account signed in from stay known (known-devices.ts). They do when the
   * person changes their own password; a reset or a recovery may follow a stolen password, and a
   * device signed in with it must not keep skipping the lockout.
   */
  knownDevices: 'keep' | 'forget';
}

/**
 * Sets a user's new password hash, clears their failed sign-ins, ends their sessions and, as
 * told, forgets their known devices: the
 * one way a password changes (own change, admin reset, recovery). Run it inside the caller's
 * transaction, with its audit entry.
 */
export async function replacePassword(
  trx: OfficeDb,
  userId: string,
  passwordHash: string,
  now: number,
  options: ReplacePasswordOptions,
): Promise<void> {
  await trx
    .updateTable('users')
    .set({
      password_hash: passwordHash,
      must_change_password: options.mustChange ? 1 : 0,
      failed_login_count: 0,
      locked_until: null,
      updated_at: isoAt(now),
    })
    .where('id', '=', userId)
    .execute();
  await forgetFailedSignIns(trx, userId);
  await revokeUserSessions(trx, userId, now, options.reason, options.keepSessionId);
  if (options.knownDevices === 'forget') await forgetKnownDevices(trx, userId);
}
