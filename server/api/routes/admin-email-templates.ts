import { CreateEmailTemplate, EmailTemplate, UpdateEmailTemplate } from '../../../common/api/directory';
import {
  getEmailTemplate,
  insertEmailTemplate,
  listEmailTemplates,
  patchEmailTemplate,
  removeEmailTemplate,
} from '../../directory/email-templates';
import { assertMayChangeSecurity, type AdminActor } from '../../accounts/authority';
import type { OfficeDb } from '../../db/database';
import type { Logger } from '../../logger';
import {
  assertOfficeLinksOnly,
  tellSuperAdmins,
  type TemplateNoticeServices,
} from '../../mail/security-templates';
import { crudRoutes } from '../crud';
import type { Api } from '../types';

/** Every kind of template is a security mail's: only a super admin writes one. */
const superAdminOnly = async (_db: OfficeDb, actor: AdminActor) =>
  assertMayChangeSecurity(actor, 'the templates of security mails');

export function adminEmailTemplateRoutes(
  app: Api,
  services: TemplateNoticeServices & { logger: Logger },
): void {
  const { portalUrl } = services.config;
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
    refusals: {
      update: { 409: ['name_taken', 'in_use'] },
      remove: { 409: ['in_use'] },
    },
    list: listEmailTemplates,
    get: getEmailTemplate,
    insert: (db, body, now) => {
      assertOfficeLinksOnly(body, portalUrl);
      return insertEmailTemplate(db, body, now);
    },
    patch: (db, id, body, now) => {
      assertOfficeLinksOnly(body, portalUrl);
      return patchEmailTemplate(db, id, body, now);
    },
    remove: removeEmailTemplate,
    authority: { insert: superAdminOnly, patch: superAdminOnly, remove: superAdminOnly },
    // The change is made: a failed notice is logged, not answered as a failed change.
    afterWrite: ({ actor, action, item }) =>
      tellSuperAdmins(services, { actor, action, template: item }).catch((error: unknown) =>
        services.logger.error({ error: String(error), templateId: item.id }, 'template change notice failed'),
      ),
  });
}
