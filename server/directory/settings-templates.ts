// Settings templates: preferences a new user starts with, through a user group or chosen directly.
import { randomUUID } from 'node:crypto';
import type {
  CreateSettingsTemplate,
  SettingsTemplate,
  UpdateSettingsTemplate,
} from '../../common/api/directory';
import type { TemplatePreferences } from '../../common/api/preferences';
import type { OfficeDb } from '../db/database';
import type { SettingsTemplateTable } from '../db/schema';
import { notFound } from '../errors';
import { isoAt } from '../time';
import { deleteById } from './delete-by-id';
import { initialPreferences } from './preferences';

const toTemplate = (row: SettingsTemplateTable): SettingsTemplate => ({
  id: row.id,
  name: row.name,
  description: row.description,
  preferences: JSON.parse(row.preferences_json) as TemplatePreferences,
  createdAt: row.created_at,
});

/** Checked the way a new user's preferences will be built from it (e.g. enabled rules need targets). */
function validPreferencesJson(preferences: TemplatePreferences): string {
  initialPreferences('template-check', preferences);
  return JSON.stringify(preferences);
}

export async function listSettingsTemplates(db: OfficeDb): Promise<SettingsTemplate[]> {
  return (await db.selectFrom('settings_templates').selectAll().orderBy('name').execute()).map(toTemplate);
}

/** The template, or undefined when there is none with that id. */
export async function findSettingsTemplate(db: OfficeDb, id: string): Promise<SettingsTemplate | undefined> {
  const row = await db.selectFrom('settings_templates').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toTemplate(row);
}

export async function getSettingsTemplate(db: OfficeDb, id: string): Promise<SettingsTemplate> {
  const template = await findSettingsTemplate(db, id);
  if (!template) throw notFound('Settings template');
  return template;
}

export async function insertSettingsTemplate(
  db: OfficeDb,
  body: CreateSettingsTemplate,
  now: number,
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('settings_templates')
    .values({
      id,
      name: body.name,
      description: body.description ?? '',
      preferences_json: validPreferencesJson(body.preferences),
      created_at: isoAt(now),
    })
    .execute();
  return id;
}

export async function patchSettingsTemplate(
  db: OfficeDb,
  id: string,
  body: UpdateSettingsTemplate,
): Promise<void> {
  const result = await db
    .updateTable('settings_templates')
    .set({
      ...(body.name !== undefined && { name: body.name }),
      ...(body.description !== undefined && { description: body.description }),
      ...(body.preferences !== undefined && { preferences_json: validPreferencesJson(body.preferences) }),
    })
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw notFound('Settings template');
}

export async function removeSettingsTemplate(db: OfficeDb, id: string): Promise<void> {
  await deleteById(db, 'settings_templates', id, 'Settings template');
}
