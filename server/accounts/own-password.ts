import type { ChangePasswordRequest } from '../../common/api/me';
import type { Office } from '../office';
import { OfficeError } from '../errors';
import { isoAt } from '../time';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './passwords';
import { revokeUserSessions, type Caller } from './sessions';

/** A user changes their own password: other sessions end, this one goes on. */
export async function changeOwnPassword(office: Office, caller: Caller, request: ChangePasswordRequest) {
  const user = await office.db
    .selectFrom('users')
    .select(['password_hash'])
    .where('id', '=', caller.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(request.currentPassword, user.password_hash))) {
    throw new OfficeError(
      400,
      'invalid_credentials',
      'The current password is not right',
      'body.currentPassword',
    );
  }
  if (request.newPassword === request.currentPassword) {
    throw new OfficeError(
      400,
      'password_reused',
      'Choose a password different from the current one',
      'body.newPassword',
    );
  }
  checkPasswordPolicy(request.newPassword, (await office.company.get()).min_password_length);
  const passwordHash = await hashPassword(request.newPassword);
  await office.db.transaction().execute(async (trx) => {
    const now = office.clock();
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, must_change_password: 0, updated_at: isoAt(now) })
      .where('id', '=', caller.userId)
      .execute();
    await revokeUserSessions(trx, caller.userId, now, caller.sessionId);
  });
}
