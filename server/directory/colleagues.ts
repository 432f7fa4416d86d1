import type { Colleague, ColleagueQuery } from '../../common/api/colleagues';
import type { OfficeDb } from '../db/database';
import { likeSafe } from './search';
import { decodeCursor, encodeCursor, pageOf, pastCursor } from './cursor';

const colleagues = (db: OfficeDb) =>
  db
    .selectFrom('users')
    .innerJoin('extensions', 'extensions.user_id', 'users.id')
    .select(['users.id', 'users.name', 'extensions.number as extension'])
    .where('users.status', '=', 'active');

/** The active colleague whose extension this is, or null. */
export async function findColleague(db: OfficeDb, extension: string): Promise<Colleague | null> {
  return (await colleagues(db).where('extensions.number', '=', extension).executeTakeFirst()) ?? null;
}

/**
 * The office's directory as an ordinary user sees it: active people with an extension, by name.
 * No emails, roles or status: a colleague search is for calling, not for enumerating accounts.
 */
export async function listColleagues(db: OfficeDb, query: ColleagueQuery) {
  const limit = query.limit ?? 50;
  let select = colleagues(db);
  if (query.extension) select = select.where('extensions.number', '=', query.extension);
  if (query.search) {
    const term = likeSafe(query.search);
    select = select.where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['users.name']), 'like', `%${term}%`),
        eb('extensions.number', 'like', `${term}%`),
      ]),
    );
  }
  if (query.before)
    select = select.where(pastCursor('users.name', 'users.id', decodeCursor(query.before), 'asc'));
  const rows = await select
    .orderBy('users.name')
    .orderBy('users.id')
    .limit(limit + 1)
    .execute();
  return pageOf(rows, limit, (colleague) => encodeCursor(colleague.name, colleague.id));
}
