import { AuditPage } from '../../../common/api/company';
import { PageQuery } from '../../../common/api/primitives';
import type { OfficeDb } from '../../db/database';
import { listAudit } from '../../directory/audit';
import { replies, type Api } from '../types';

export function adminAuditLogRoutes(app: Api, db: OfficeDb): void {
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
    async (request) => listAudit(db, request.query.limit ?? 50, request.query.before),
  );
}
