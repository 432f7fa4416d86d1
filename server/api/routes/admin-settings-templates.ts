import {
  CreateSettingsTemplate,
  SettingsTemplate,
  UpdateSettingsTemplate,
} from '../../../common/api/directory';
import {
  getSettingsTemplate,
  insertSettingsTemplate,
  listSettingsTemplates,
  patchSettingsTemplate,
  removeSettingsTemplate,
} from '../../directory/settings-templates';
import {
  assertMayChangeTemplate,
  assertMayCreateTemplate,
  assertMayManageTemplate,
} from '../../accounts/authority';
import { crudRoutes, type CrudServices } from '../crud';
import type { Api } from '../types';

export function adminSettingsTemplateRoutes(app: Api, services: CrudServices): void {
  crudRoutes(app, services, {
    path: '/admin/settings-templates',
    noun: 'settings-template',
    item: SettingsTemplate,
    create: CreateSettingsTemplate,
    update: UpdateSettingsTemplate,
    conflict: { code: 'name_taken', message: 'Another settings template has that name', field: 'body.name' },
    list: listSettingsTemplates,
    get: getSettingsTemplate,
    insert: insertSettingsTemplate,
    patch: patchSettingsTemplate,
    remove: removeSettingsTemplate,
    authority: {
      insert: async (_db, actor, body) => assertMayCreateTemplate(actor, body),
      patch: assertMayChangeTemplate,
      remove: assertMayManageTemplate,
    },
  });
}
