import { CreateEmailTemplate, EmailTemplate, UpdateEmailTemplate } from '../../../common/api/directory';
import {
  getEmailTemplate,
  insertEmailTemplate,
  listEmailTemplates,
  patchEmailTemplate,
  removeEmailTemplate,
} from '../../directory/email-templates';
import { crudRoutes, type CrudServices } from '../crud';
import type { Api } from '../types';

export function adminEmailTemplateRoutes(app: Api, services: CrudServices): void {
  crudRoutes(app, services, {
    path: '/admin/email-templates',
    noun: 'email-template',
    item: EmailTemplate,
    create: CreateEmailTemplate,
    update: UpdateEmailTemplate,
    conflict: {
      code: 'name_taken',
      message: 'Another template of this kind has that name',
      field: 'body.name',
    },
    // Each kind keeps its default (`defaultStays`).
    refusals: { update: { 409: ['name_taken', 'in_use'] }, remove: { 409: ['in_use'] } },
    list: listEmailTemplates,
    get: getEmailTemplate,
    insert: insertEmailTemplate,
    patch: patchEmailTemplate,
    remove: removeEmailTemplate,
  });
}
