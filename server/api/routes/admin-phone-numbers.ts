import { randomUUID } from 'node:crypto';
import {
  CreatePhoneNumber,
  PhoneNumber,
  UpdatePhoneNumber,
  type RouteType,
} from '../../../common/api/directory';
import type { OfficeServices } from '../../office-services';
import type { OfficeDb } from '../../db/database';
import type { PhoneNumberTable } from '../../db/schema';
import { OfficeError, notFound } from '../../errors';
import { isoAt } from '../../time';
import { crudRoutes, deleteById } from '../crud';
import { assertMayManageExtension, assertMayManagePhoneNumber } from '../../accounts/authority';
import type { Api } from '../types';

const toNumber = (row: PhoneNumberTable) => ({
  id: row.id,
  number: row.number,
  label: row.label,
  routeType: row.route_type,
  routeTarget: row.route_target,
  createdAt: row.created_at,
});

/**
 * An extension target must exist. Ring groups, the receptionist and conference bridges are not
 * in the directory yet; their targets are checked when those services arrive.
 */
async function assertTarget(db: OfficeDb, routeType: RouteType | undefined, target: string | undefined) {
  if (routeType !== 'extension' || target === undefined) return;
  const found = await db
    .selectFrom('extensions')
    .select('id')
    .where('number', '=', target)
    .executeTakeFirst();
  if (!found)
    throw new OfficeError(400, 'invalid_field', `There is no extension ${target}`, 'body.routeTarget');
}

export function adminPhoneNumberRoutes(app: Api, office: OfficeServices): void {
  crudRoutes(app, office, {
    path: '/admin/phone-numbers',
    noun: 'phone-number',
    item: PhoneNumber,
    create: CreatePhoneNumber,
    update: UpdatePhoneNumber,
    conflict: { code: 'number_taken', message: 'That number is already in the office', field: 'body.number' },
    list: async (db) =>
      (await db.selectFrom('phone_numbers').selectAll().orderBy('number').execute()).map(toNumber),
    get: async (db, id) => {
      const row = await db.selectFrom('phone_numbers').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound('Phone number');
      return toNumber(row);
    },
    insert: async (db, body, now, actor) => {
      await assertTarget(db, body.routeType, body.routeTarget);
      if (body.routeType === 'extension')
        await assertMayManageExtension(db, actor, body.routeTarget, 'body.routeTarget');
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
    },
    patch: async (db, id, body, _now, actor) => {
      await assertMayManagePhoneNumber(db, actor, id);
      const current = await db
        .selectFrom('phone_numbers')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (!current) throw notFound('Phone number');
      const routeType = body.routeType ?? current.route_type;
      const routeTarget = body.routeTarget ?? current.route_target;
      await assertTarget(db, routeType, routeTarget);
      if (routeType === 'extension')
        await assertMayManageExtension(db, actor, routeTarget, 'body.routeTarget');
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
    },
    remove: async (db, id, actor) => {
      await assertMayManagePhoneNumber(db, actor, id);
      await deleteById(db, 'phone_numbers', id, 'Phone number');
    },
  });
}
