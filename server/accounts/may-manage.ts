import type { Role } from '../../common/api/primitives';
import { OfficeError } from '../errors';

/** Admins manage users; only a super admin manages admins or grants admin roles. */
export function mayManage(actorRole: Role, targetRole: Role): boolean {
  return targetRole === 'user' || actorRole === 'superadmin';
}

export function assertMayManage(actor: { role: Role }, targetRole: Role, field?: string): void {
  if (!mayManage(actor.role, targetRole)) {
    throw new OfficeError(403, 'forbidden', 'Only a super admin can manage administrators', field);
  }
}
