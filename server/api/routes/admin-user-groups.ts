import { randomUUID } from 'node:crypto';
import { CreateUserGroup, UpdateUserGroup, UserGroup } from '../../../common/api/directory';
import type { OfficeServices } from '../../office-services';
import type { OfficeDb } from '../../db/database';
import type { UserGroupTable } from '../../db/schema';
import { OfficeError, notFound } from '../../errors';
import { isoAt } from '../../time';
import { crudRoutes, deleteById } from '../crud';
import { assertMayManageGroup } from '../../accounts/authority';
import type { Api } from '../types';

const toGroup = (row: UserGroupTable) => ({
  id: row.id,
  name: row.name,
  description: row.description,
  settingsTemplateId: row.settings_template_id,
  createdAt: row.created_at,
});

async function assertTemplateExists(db: OfficeDb, id: string | null | undefined) {
  if (!id) return;
  const found = await db
    .selectFrom('settings_templates')
    .select('id')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!found)
    throw new OfficeError(
      400,
      'invalid_field',
      'There is no settings template with that id',
      'body.settingsTemplateId',
    );
}

export function adminUserGroupRoutes(app: Api, office: OfficeServices): void {
  crudRoutes(app, office, {
    path: '/admin/user-groups',
    noun: 'user-group',
    item: UserGroup,
    create: CreateUserGroup,
    update: UpdateUserGroup,
    conflict: { code: 'name_taken', message: 'Another user group has that name', field: 'body.name' },
    list: async (db) =>
      (await db.selectFrom('user_groups').selectAll().orderBy('name').execute()).map(toGroup),
    get: async (db, id) => {
      const row = await db.selectFrom('user_groups').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw notFound('User group');
      return toGroup(row);
    },
    insert: async (db, body, now) => {
      await assertTemplateExists(db, body.settingsTemplateId);
      const id = randomUUID();
      await db
        .insertInto('user_groups')
        .values({
          id,
          name: body.name,
          description: body.description ?? '',
          settings_template_id: body.settingsTemplateId ?? null,
          created_at: isoAt(now),
        })
        .execute();
      return id;
    },
    patch: async (db, id, body, _now, actor) => {
      await assertMayManageGroup(db, actor, id);
      await assertTemplateExists(db, body.settingsTemplateId);
      const result = await db
        .updateTable('user_groups')
        .set({
          ...(body.name !== undefined && { name: body.name }),
          ...(body.description !== undefined && { description: body.description }),
          ...(body.settingsTemplateId !== undefined && { settings_template_id: body.settingsTemplateId }),
        })
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) throw notFound('User group');
    },
    remove: async (db, id, actor) => {
      await assertMayManageGroup(db, actor, id);
      await deleteById(db, 'user_groups', id, 'User group');
    },
  });
}
