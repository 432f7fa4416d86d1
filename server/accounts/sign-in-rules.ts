import type { Scope } from '../../common/api/auth';
import type { UserTable } from '../db/schema';
import { OfficeError } from '../errors';

/** Whether this account may use the portal and app now, in this scope (at sign-in and on every use). */
export function assertMaySignIn(
  user: Pick<UserTable, 'status' | 'portal_access' | 'role'>,
  scope: Scope,
): void {
  if (user.status !== 'active') throw new OfficeError(403, 'account_suspended', 'This account is suspended');
  if (user.portal_access !== 1) {
    throw new OfficeError(
      403,
      'portal_access_disabled',
      'Portal and app sign-in is turned off for this account',
    );
  }
  if (scope === 'admin' && user.role === 'user') {
    throw new OfficeError(403, 'scope_not_allowed', 'This account has no administrator rights');
  }
}
