import { AuditPage } from '../../../common/api/company';
import { PageQuery } from '../../../common/api/primitives';
import type { OfficeServices } from '../../office-services';
import { listAudit } from '../../directory/audit';
import { replies, type Api } from '../types';

export function adminAuditLogRoutes(app: Api, office: OfficeServices): void {
  app.get(
    '/admin/audit-log',
    {
      schema: {
        tags: ['admin'],
        operationId: 'listAuditLog',
        summary: 'What administrators changed, newest first',
        querystring: PageQuery,
        response: replies({ 200: AuditPage }),
      },
    },
    async (request) => listAudit(office.db, request.query.limit ?? 50, request.query.before),
  );
}
