import { ColleaguePage, ColleagueQuery } from '../../../common/api/colleagues';
import { ListOf, RouteTarget } from '../../../common/api/directory';
import { listDestinations } from '../../directory/route-targets';
import type { OfficeDb } from '../../db/database';
import { listColleagues } from '../../directory/colleagues';
import { replies, type Api } from '../types';

export function directoryRoutes(app: Api, db: OfficeDb): void {
  app.get(
    '/directory',
    {
      schema: {
        tags: ['me'],
        operationId: 'listColleagues',
        summary: 'Colleagues to call: active people with an extension, by name, searchable',
        querystring: ColleagueQuery,
        response: replies({ 200: ColleaguePage }),
      },
    },
    async (request) => listColleagues(db, request.query),
  );

  app.get(
    '/directory/destinations',
    {
      schema: {
        tags: ['me'],
        operationId: 'listDestinations',
        summary:
          'Where a person may forward their calls: active colleagues’ extensions and the office’s services (ring groups…), each with its kind, number and name',
        response: replies({ 200: ListOf(RouteTarget) }),
      },
    },
    async () => ({ items: await listDestinations(db) }),
  );
}
