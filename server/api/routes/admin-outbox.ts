import { OutboxPage } from '../../../common/api/company';
import { PageQuery } from '../../../common/api/primitives';
import type { Office } from '../../office';
import { decodeCursor, encodeCursor, pageOf, pastCursor } from '../../directory/cursor';
import { replies, type Api } from '../types';

export function adminOutboxRoutes(app: Api, office: Office): void {
  app.get(
    '/admin/outbox',
    {
      schema: {
        tags: ['admin'],
        operationId: 'listOutbox',
        summary: 'Mail the office sent or queued, newest first',
        querystring: PageQuery,
        response: replies({ 200: OutboxPage }),
      },
    },
    async (request) => {
      const limit = request.query.limit ?? 50;
      let select = office.db.selectFrom('mail_outbox').selectAll();
      if (request.query.before)
        select = select.where(pastCursor('created_at', 'id', decodeCursor(request.query.before), 'desc'));
      const rows = await select
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      const mails = rows.map((row) => ({
        id: row.id,
        to: row.to_address,
        subject: row.subject,
        body: row.body,
        status: row.status,
        error: row.error,
        createdAt: row.created_at,
      }));
      return pageOf(mails, limit, (mail) => encodeCursor(mail.createdAt, mail.id));
    },
  );
}
