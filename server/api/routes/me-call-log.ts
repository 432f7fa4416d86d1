import { CallLogPage, CallLogQuery } from '../../../common/api/call-log';
import type { OfficeDb } from '../../db/database';
import { listCallLog } from '../../directory/call-log';
import { callerOf } from '../auth';
import { replies, type Api } from '../types';

export function meCallLogRoutes(app: Api, db: OfficeDb): void {
  app.get(
    '/me/call-log',
    {
      schema: {
        tags: ['me'],
        operationId: 'listCallLog',
        summary: 'Your calls, newest first, a page at a time',
        querystring: CallLogQuery,
        response: replies({ 200: CallLogPage }),
      },
    },
    async (request) => listCallLog(db, callerOf(request).userId, request.query),
  );
}
