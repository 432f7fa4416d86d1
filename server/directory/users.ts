import type { UpdateUserRequest, UserListQuery, UserSummary } from '../../common/api/users';
import type { Language } from '../../common/api/preferences';
import type { Role } from '../../common/api/primitives';
import { sql } from 'kysely';
import { translate } from '../../common/i18n/catalogue';
import type { OfficeDb } from '../db/database';
import type { LoginName } from './login-name';
import { OfficeError, notFound } from '../errors';
import { isoAt } from '../time';
import { likeSafe } from './search';
import { decodeCursor, encodeCursor, pageOf, pastCursor } from './cursor';

/** Users joined with their extension number: the shape every user listing starts from. */
export function selectUsers(db: OfficeDb) {
  return db
    .selectFrom('users')
    .leftJoin('extensions', 'extensions.user_id', 'users.id')
    .leftJoin('preferences', 'preferences.user_id', 'users.id')
    .select([
      'users.id',
      'users.name',
      'users.email',
      'users.role',
      'users.status',
      'users.portal_access',
      'users.must_change_password',
      'users.user_group_id',
      'users.created_at',
      'extensions.number as extension',
      'extensions.id as extension_id',
      'extensions.caller_id_name',
      'preferences.outbound_calls',
    ]);
}

type UserRow = Awaited<ReturnType<ReturnType<typeof selectUsers>['executeTakeFirstOrThrow']>>;

export function toUserSummary(row: UserRow): UserSummary {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    status: row.status,
    portalAccess: row.portal_access === 1,
    mustChangePassword: row.must_change_password === 1,
    extension: row.extension,
    userGroupId: row.user_group_id,
    outboundCalls: row.extension === null ? null : row.outbound_calls,
    createdAt: row.created_at,
  };
}

export async function findUserRow(db: OfficeDb, id: string): Promise<UserRow> {
  const row = await selectUsers(db).where('users.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('User');
  return row;
}

export async function getUserSummary(db: OfficeDb, id: string): Promise<UserSummary> {
  return toUserSummary(await findUserRow(db, id));
}

/** Alphabetical by name, then id, keyset-paged. */
export async function listUsers(db: OfficeDb, query: UserListQuery) {
  const limit = query.limit ?? 50;
  let select = selectUsers(db);
  if (query.search) {
    const term = `%${likeSafe(query.search)}%`;
    select = select.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['users.name']), 'like', term),
        eb('users.email', 'like', term),
        eb('extensions.number', 'like', term),
      ]),
    );
  }
  if (query.role) select = select.where('users.role', '=', query.role);
  if (query.userGroupId) select = select.where('users.user_group_id', '=', query.userGroupId);
  if (query.before)
    select = select.where(pastCursor('users.name', 'users.id', decodeCursor(query.before), 'asc'));
  const rows = await select
    .orderBy('users.name')
    .orderBy('users.id')
    .limit(limit + 1)
    .execute();
  return pageOf(rows.map(toUserSummary), limit, (user) => encodeCursor(user.name, user.id));
}

/**
 * The account a sign-in names: an email (stored lower-case), an extension, or a phone number. An
 * extension is taken first when digits are both; a direct number (routed to an extension) is its
 * owner's, and the company's main number is its first super admin's, the longest-standing active
 * one (the seed's "main number signs in the super admin").
 */
export async function findUserByLogin(db: OfficeDb, name: LoginName) {
  const query = db.selectFrom('users').selectAll('users');
  if (name.kind === 'email') return query.where('users.email', '=', name.key).executeTakeFirst();
  if (name.kind === 'unknown') return undefined;
  if (name.kind === 'extension') {
    const user = await byExtension(db, name.key);
    if (user || name.phone === null) return user;
  }
  const number = await db
    .selectFrom('phone_numbers')
    .select(['is_main', 'route_type', 'route_target'])
    .where('number', '=', name.kind === 'phone' ? name.key : name.phone!)
    .executeTakeFirst();
  if (!number) return undefined;
  if (number.is_main === 1)
    return query
      .where('role', '=', 'superadmin')
      .orderBy(sql`case when status = 'active' then 0 else 1 end`)
      .orderBy('created_at')
      .orderBy('id')
      .executeTakeFirst();
  return number.route_type === 'extension' ? byExtension(db, number.route_target) : undefined;
}

function byExtension(db: OfficeDb, extension: string) {
  return db
    .selectFrom('users')
    .selectAll('users')
    .innerJoin('extensions', 'extensions.user_id', 'users.id')
    .where('extensions.number', '=', extension)
    .executeTakeFirst();
}

/** The super admins who can act now (not suspended): who hears of a change to what binds everyone. */
export async function activeSuperAdmins(db: OfficeDb) {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'email'])
    .where('role', '=', 'superadmin')
    .where('status', '=', 'active')
    .orderBy('name')
    .execute();
}

/** Refuses an email another user already has. */
export async function assertEmailFree(db: OfficeDb, email: string, exceptUserId?: string): Promise<void> {
  let query = db.selectFrom('users').select('id').where('email', '=', email);
  if (exceptUserId) query = query.where('id', '!=', exceptUserId);
  if (await query.executeTakeFirst())
    throw new OfficeError(409, 'email_taken', 'Another user has that email', 'body.email');
}

/** A new, active account with portal access. */
export interface NewUser {
  id: string;
  name: string;
  /** Lower case. */
  email: string;
  role: Role;
  passwordHash: string;
  /** Whether they must choose their own password at the first sign-in. */
  mustChangePassword: boolean;
  userGroupId: string | null;
  /** The language of their mail; null follows the company's. */
  language: Language | null;
}

export async function insertUser(db: OfficeDb, user: NewUser, now: number): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      status: 'active',
      portal_access: 1,
      password_hash: user.passwordHash,
      must_change_password: user.mustChangePassword ? 1 : 0,
      failed_login_count: 0,
      locked_until: null,
      user_group_id: user.userGroupId,
      language: user.language,
      created_at: isoAt(now),
      updated_at: isoAt(now),
    })
    .execute();
}

/** The account's own fields an administrator changes (the email already lower case). */
export type UserChanges = Pick<
  UpdateUserRequest,
  'name' | 'email' | 'role' | 'status' | 'portalAccess' | 'userGroupId'
>;

export async function updateUserRow(
  db: OfficeDb,
  id: string,
  changes: UserChanges,
  now: number,
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      ...(changes.name !== undefined && { name: changes.name }),
      ...(changes.email !== undefined && { email: changes.email }),
      ...(changes.role !== undefined && { role: changes.role }),
      ...(changes.status !== undefined && { status: changes.status }),
      ...(changes.portalAccess !== undefined && { portal_access: changes.portalAccess ? 1 : 0 }),
      ...(changes.userGroupId !== undefined && { user_group_id: changes.userGroupId }),
      updated_at: isoAt(now),
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Deletes the account; the database cascades to its extension, voicemail box and messages,
 * preferences, sessions and own call-log rows.
 */
export async function deleteUserRow(db: OfficeDb, id: string): Promise<void> {
  const deleted = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
  if (Number(deleted.numDeletedRows) !== 1) throw notFound('User');
}

/** The user's own language setting and the company's, as stored (either may be unset or unknown). */
export async function storedLanguages(
  db: OfficeDb,
  userId: string | null,
): Promise<{ own: string | null; company: string | null }> {
  const user = userId
    ? await db.selectFrom('users').select('language').where('id', '=', userId).executeTakeFirst()
    : undefined;
  const company = await db.selectFrom('company').select('language').executeTakeFirst();
  return { own: user?.language ?? null, company: company?.language ?? null };
}

/** The name the office gives the administrator it creates itself (the first super admin), in `language`. */
export const defaultAdministratorName = (language: Language) => translate(language, 'admin.roles.admin');

/**
 * The company's language changed: administrators still named as the office named them, in the
 * old language, take the name in the new one. A name a person gave is never touched.
 */
export async function renameDefaultAdministrators(db: OfficeDb, from: Language, to: Language): Promise<void> {
  await db
    .updateTable('users')
    .set({ name: defaultAdministratorName(to) })
    .where('name', '=', defaultAdministratorName(from))
    .where('role', '=', 'superadmin')
    .execute();
}
