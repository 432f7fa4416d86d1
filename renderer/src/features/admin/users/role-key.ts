import type { Role } from '../../../../../common/api/primitives';

const KEYS: Record<Role, string> = {
  user: 'admin.roles.user',
  admin: 'admin.roles.admin',
  superadmin: 'admin.roles.superadmin',
};

/** The i18n key of a role's name. */
export const roleKey = (role: Role) => KEYS[role];
