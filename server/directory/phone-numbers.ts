// The office's outside numbers and what each rings.
import { randomUUID } from 'node:crypto';
import type {
  CreatePhoneNumber,
  PhoneNumber,
  NumberRouteType,
  UpdatePhoneNumber,
} from '../../common/api/directory';
import type { OfficeDb } from '../db/database';
import type { PhoneNumberTable } from '../db/schema';
import { OfficeError, notFound } from '../errors';
import { isUniqueViolation } from '../db/database';
import { isoAt } from '../time';
import { deleteById } from './delete-by-id';
import { findRouteTarget, routeInWords } from './route-targets';

const toNumber = (row: PhoneNumberTable): PhoneNumber => ({
  id: row.id,
  number: row.number,
  label: row.label,
  routeType: row.route_type,
  routeTarget: row.route_target,
  isMain: row.is_main === 1,
  createdAt: row.created_at,
});

/** A number rings only what exists: an extension, a ring group, or another service the office has. */
async function assertTarget(db: OfficeDb, routeType: NumberRouteType, target: string) {
  if (!(await findRouteTarget(db, routeType, target)))
    throw new OfficeError(
      400,
      'invalid_field',
      `There is no ${routeInWords(routeType, target)}`,
      'body.routeTarget',
    );
}

export async function listPhoneNumbers(db: OfficeDb): Promise<PhoneNumber[]> {
  return (await db.selectFrom('phone_numbers').selectAll().orderBy('number').execute()).map(toNumber);
}

/** The numbers that ring this extension. */
export async function numbersRingingExtension(db: OfficeDb, extension: string): Promise<PhoneNumber[]> {
  const rows = await db
    .selectFrom('phone_numbers')
    .selectAll()
    .where('route_type', 'in', ['extension', 'voicemail'])
    .where('route_target', '=', extension)
    .orderBy('number')
    .execute();
  return rows.map(toNumber);
}

/** The number, or undefined when there is none with that id. */
export async function findPhoneNumber(db: OfficeDb, id: string): Promise<PhoneNumber | undefined> {
  const row = await db.selectFrom('phone_numbers').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toNumber(row);
}

export async function getPhoneNumber(db: OfficeDb, id: string): Promise<PhoneNumber> {
  const number = await findPhoneNumber(db, id);
  if (!number) throw notFound('Phone number');
  return number;
}

export async function insertPhoneNumber(db: OfficeDb, body: CreatePhoneNumber, now: number): Promise<string> {
  await assertTarget(db, body.routeType, body.routeTarget);
  const id = randomUUID();
  await db
    .insertInto('phone_numbers')
    .values({
      id,
      number: body.number,
      label: body.label ?? '',
      route_type: body.routeType,
      route_target: body.routeTarget,
      is_main: 0,
      created_at: isoAt(now),
    })
    .execute();
  return id;
}

export async function patchPhoneNumber(db: OfficeDb, id: string, body: UpdatePhoneNumber): Promise<void> {
  const current = await getPhoneNumber(db, id);
  // Checked when the route changes: a label is edited on any number, even one whose target went away.
  if (body.routeType !== undefined || body.routeTarget !== undefined)
    await assertTarget(db, body.routeType ?? current.routeType, body.routeTarget ?? current.routeTarget);
  await db
    .updateTable('phone_numbers')
    .set({
      ...(body.number !== undefined && { number: body.number }),
      ...(body.label !== undefined && { label: body.label }),
      ...(body.routeType !== undefined && { route_type: body.routeType }),
      ...(body.routeTarget !== undefined && { route_target: body.routeTarget }),
    })
    .where('id', '=', id)
    .execute();
}

export async function removePhoneNumber(db: OfficeDb, id: string): Promise<void> {
  await deleteById(db, 'phone_numbers', id, 'Phone number');
}

/** The company's main number, if one is chosen. */
export async function findMainNumber(db: OfficeDb): Promise<string | null> {
  const row = await db
    .selectFrom('phone_numbers')
    .select('number')
    .where('is_main', '=', 1)
    .executeTakeFirst();
  return row?.number ?? null;
}

/**
 * Makes `number` (one of the office's) the main number, or leaves the company without one (null).
 * Run it in a transaction: a refused number leaves the main number before it in place.
 */
export async function setMainNumber(db: OfficeDb, number: string | null): Promise<void> {
  await db.updateTable('phone_numbers').set({ is_main: 0 }).where('is_main', '=', 1).execute();
  if (number === null) return;
  let updated: bigint;
  try {
    ({ numUpdatedRows: updated } = await db
      .updateTable('phone_numbers')
      .set({ is_main: 1 })
      .where('number', '=', number)
      .executeTakeFirstOrThrow());
  } catch (error) {
    // Another admin chose a main number at the same moment (PostgreSQL: the index says so).
    if (isUniqueViolation(error))
      throw new OfficeError(
        409,
        'conflict',
        'The main number was changed meanwhile: try again',
        'body.mainNumber',
      );
    throw error;
  }
  if (Number(updated) !== 1)
    throw new OfficeError(
      400,
      'invalid_field',
      `${number} is not one of the office's numbers`,
      'body.mainNumber',
    );
}

/**
 * The phone numbers that sign a person in (`findUserByLogin`): those routed to their extension,
 * and the main number for a super admin. Their sign-in counts are cleared with the others.
 */
export async function signInNumbersOf(
  db: OfficeDb,
  user: { role: string; extension: string | null },
): Promise<string[]> {
  const rows = await db
    .selectFrom('phone_numbers')
    .select('number')
    .where((where) =>
      where.or([
        where.and([where('route_type', '=', 'extension'), where('route_target', '=', user.extension ?? '')]),
        ...(user.role === 'superadmin' ? [where('is_main', '=', 1)] : []),
      ]),
    )
    .execute();
  return rows.map((row) => row.number);
}
