import type { UserListQuery, UserSummary } from '../../common/api/users';
import type { OfficeDb } from '../db/database';
import { notFound } from '../errors';
import { likeSafe } from './search';
import { decodeCursor, encodeCursor, pageOf, pastCursor } from './cursor';

/** Users joined with their extension number: the shape every user listing starts from. */
export function selectUsers(db: OfficeDb) {
  return db
    .selectFrom('users')
    .leftJoin('extensions', 'extensions.user_id', 'users.id')
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

/** The account a sign-in names: an email (stored lower-case) or an extension number. */
export async function findUserByLogin(db: OfficeDb, login: string) {
  const query = db.selectFrom('users').selectAll('users');
  if (login.includes('@')) {
    return query.where('users.email', '=', login.trim().toLowerCase()).executeTakeFirst();
  }
  return query
    .innerJoin('extensions', 'extensions.user_id', 'users.id')
    .where('extensions.number', '=', login.trim())
    .executeTakeFirst();
}
