import { ColleaguePage, ColleagueQuery } from '../../../common/api/colleagues';
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
}
