// The office's numbers seen from outside: which of them a call from a carrier is for and what it
// rings, and whose direct number a caller's is.
import type { OfficeDb } from '../db/database';
import type { RouteTarget } from '../../common/api/directory';
import { findRouteTarget } from './route-targets';

/**
 * The target the first of `numbers` the office owns rings, through the same lookup the admin's
 * picker uses (so every kind of target is reached the same way); undefined when the office owns
 * none of them, or the number's target is gone.
 */
export async function routeOfNumber(db: OfficeDb, numbers: string[]): Promise<RouteTarget | undefined> {
  if (numbers.length === 0) return undefined;
  const rows = await db
    .selectFrom('phone_numbers')
    .select(['number', 'route_type', 'route_target'])
    .where('number', 'in', numbers)
    .execute();
  const row = numbers.map((number) => rows.find((r) => r.number === number)).find(Boolean);
  return row && findRouteTarget(db, row.route_type, row.route_target);
}

/** The name of the colleague whose direct number (one that rings their extension) this is, or null. */
export async function colleagueWithNumber(db: OfficeDb, e164: string): Promise<string | null> {
  const row = await db
    .selectFrom('phone_numbers')
    .innerJoin('extensions', 'extensions.number', 'phone_numbers.route_target')
    .innerJoin('users', 'users.id', 'extensions.user_id')
    .select('users.name')
    .where('phone_numbers.number', '=', e164)
    .where('phone_numbers.route_type', '=', 'extension')
    .executeTakeFirst();
  return row?.name ?? null;
}
