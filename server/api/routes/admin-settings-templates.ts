import { randomUUID } from 'node:crypto';
import {
  CreateSettingsTemplate,
  SettingsTemplate,
  UpdateSettingsTemplate,
} from '../../../common/api/directory';
import type { TemplatePreferences } from '../../../common/api/preferences';
import type { OfficeServices } from '../../office-services';
import type { SettingsTemplateTable } from '../../db/schema';
import { notFound } from '../../errors';
import { isoAt } from '../../time';
import { initialPreferences } from '../../directory/preferences';
import { crudRoutes, deleteById } from '../crud';
import { assertMayManageTemplate } from '../../accounts/authority';
import type { Api } from '../types';

const toTemplate = (row: SettingsTemplateTable) => ({
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

export function adminSettingsTemplateRoutes(app: Api, office: OfficeServices): void {
  crudRoutes(app, office, {
    path: '/admin/settings-templates',
    noun: 'settings-template',
    item: SettingsTemplate,
    create: CreateSettingsTemplate,
    update: UpdateSettingsTemplate,
    conflict: { code: 'name_taken', message: 'Another settings template has that name', field: 'body.name' },
    list: async (db) =>
      (await db.selectFrom('settings_templates').selectAll().orderBy('name').execute()).map(toTemplate),
    get: async (db, id) => {
      const row = await db
        .selectFrom('settings_templates')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      if (!row) throw notFound('Settings template');
      return toTemplate(row);
    },
    insert: async (db, body, now) => {
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
    },
    patch: async (db, id, body, _now, actor) => {
      await assertMayManageTemplate(db, actor, id);
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
    },
    remove: async (db, id, actor) => {
      await assertMayManageTemplate(db, actor, id);
      await deleteById(db, 'settings_templates', id, 'Settings template');
    },
  });
}
