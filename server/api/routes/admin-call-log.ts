import { Readable } from 'node:stream';
import {
  OfficeCallCsvQuery,
  OfficeCallPage,
  OfficeCallQuery,
  type OfficeCall,
} from '../../../common/api/usage';
import { officeCallCsvHeader, officeCallCsvRow } from '../../../common/api/office-call-csv';
import type { OfficeDb } from '../../db/database';
import { eachOfficeCall, listOfficeCalls, officeCallTotals } from '../../directory/office-call-log';
import { fileReply, replies, type Api } from '../types';

async function* csvLines(calls: AsyncIterable<OfficeCall>) {
  yield officeCallCsvHeader();
  for await (const call of calls) yield officeCallCsvRow(call);
}

export function adminCallLogRoutes(app: Api, db: OfficeDb): void {
  app.get(
    '/admin/call-log',
    {
      schema: {
        tags: ['admin'],
        operationId: 'listOfficeCalls',
        summary: "The office's calls, newest first, filtered, with the period's totals",
        querystring: OfficeCallQuery,
        response: replies({ 200: OfficeCallPage }),
      },
    },
    async (request) => {
      const { limit, before, ...filter } = request.query;
      const [page, totals] = await Promise.all([
        listOfficeCalls(db, { ...filter, ...(before && { before }) }, limit ?? 50),
        before ? null : officeCallTotals(db, filter),
      ]);
      return { ...page, totals };
    },
  );

  app.get(
    '/admin/call-log.csv',
    {
      schema: {
        tags: ['admin'],
        operationId: 'exportOfficeCalls',
        summary: "The office's filtered calls as a CSV file",
        querystring: OfficeCallCsvQuery,
        // Streamed a batch of rows at a time.
        response: replies(fileReply('text/csv', 'The calls, one row each, with a header row')),
      },
    },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="call-log.csv"')
        .send(Readable.from(csvLines(eachOfficeCall(db, request.query)))),
  );
}
