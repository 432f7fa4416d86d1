import { OutboxPage } from '../../../common/api/company';
import { PageQuery } from '../../../common/api/primitives';
import type { OfficeServices } from '../../office-services';
import { listOutbox } from '../../mail/outbox';
import { callerOf } from '../auth';
import { replies, type Api } from '../types';

export function adminOutboxRoutes(
  app: Api,
  services: Pick<OfficeServices, 'db' | 'secrets' | 'mailer'>,
): void {
  app.get(
    '/admin/outbox',
    {
      schema: {
        tags: ['admin'],
        operationId: 'listOutbox',
        summary:
          'Mail the office sent or queued, newest first, secrets redacted; only mail of people you may manage',
        querystring: PageQuery,
        response: replies({ 200: OutboxPage }),
      },
    },
    async (request) =>
      listOutbox(services.db, services.secrets, callerOf(request), !services.mailer.delivers, request.query),
  );
}
