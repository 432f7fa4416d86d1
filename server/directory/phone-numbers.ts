// The office's outside numbers and what each rings.
import { randomUUID } from 'node:crypto';
import type {
  CreatePhoneNumber,
  PhoneNumber,
  RouteType,
  UpdatePhoneNumber,
} from '../../common/api/directory';
import type { OfficeDb } from '../db/database';
import type { PhoneNumberTable } from '../db/schema';
import { OfficeError, notFound } from '../errors';
import { isoAt } from '../time';
import { deleteById } from './delete-by-id';
import { isRingGroupExtension } from './ring-groups';

const toNumber = (row: PhoneNumberTable): PhoneNumber => ({
  id: row.id,
  number: row.number,
  label: row.label,
  routeType: row.route_type,
  routeTarget: row.route_target,
  createdAt: row.created_at,
});

/**
 * An extension or ring group target must exist. The receptionist and conference bridges are not
 * in the directory yet; their targets are checked when those services arrive.
 */
async function assertTarget(db: OfficeDb, routeType: RouteType | undefined, target: string | undefined) {
  if (target === undefined) return;
  if (routeType === 'ring-group' && !(await isRingGroupExtension(db, target)))
    throw new OfficeError(400, 'invalid_field', `There is no ring group ${target}`, 'body.routeTarget');
  if (routeType !== 'extension') return;
  const found = await db
    .selectFrom('extensions')
    .select('id')
    .where('number', '=', target)
    .executeTakeFirst();
  if (!found)
    throw new OfficeError(400, 'invalid_field', `There is no extension ${target}`, 'body.routeTarget');
}

export async function listPhoneNumbers(db: OfficeDb): Promise<PhoneNumber[]> {
  return (await db.selectFrom('phone_numbers').selectAll().orderBy('number').execute()).map(toNumber);
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
      created_at: isoAt(now),
    })
    .execute();
  return id;
}

export async function patchPhoneNumber(db: OfficeDb, id: string, body: UpdatePhoneNumber): Promise<void> {
  const current = await getPhoneNumber(db, id);
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
