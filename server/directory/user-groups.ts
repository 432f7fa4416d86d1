// User groups: people set up alike; a group's settings template applies to users added to it.
import { randomUUID } from 'node:crypto';
import type { CreateUserGroup, UpdateUserGroup, UserGroup } from '../../common/api/directory';
import type { OfficeDb } from '../db/database';
import type { UserGroupTable } from '../db/schema';
import { OfficeError, notFound } from '../errors';
import { isoAt } from '../time';
import { deleteById } from './delete-by-id';
import { findSettingsTemplate } from './settings-templates';

const toGroup = (row: UserGroupTable): UserGroup => ({
  id: row.id,
  name: row.name,
  description: row.description,
  settingsTemplateId: row.settings_template_id,
  createdAt: row.created_at,
});

async function assertTemplateExists(db: OfficeDb, id: string | null | undefined) {
  if (!id) return;
  if (!(await findSettingsTemplate(db, id)))
    throw new OfficeError(
      400,
      'invalid_field',
      'There is no settings template with that id',
      'body.settingsTemplateId',
    );
}

export async function listUserGroups(db: OfficeDb): Promise<UserGroup[]> {
  return (await db.selectFrom('user_groups').selectAll().orderBy('name').execute()).map(toGroup);
}

/** The group, or undefined when there is none with that id. */
export async function findUserGroup(db: OfficeDb, id: string): Promise<UserGroup | undefined> {
  const row = await db.selectFrom('user_groups').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toGroup(row);
}

export async function getUserGroup(db: OfficeDb, id: string): Promise<UserGroup> {
  const group = await findUserGroup(db, id);
  if (!group) throw notFound('User group');
  return group;
}

export async function insertUserGroup(db: OfficeDb, body: CreateUserGroup, now: number): Promise<string> {
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
}

export async function patchUserGroup(db: OfficeDb, id: string, body: UpdateUserGroup): Promise<void> {
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
}

export async function removeUserGroup(db: OfficeDb, id: string): Promise<void> {
  await deleteById(db, 'user_groups', id, 'User group');
}
