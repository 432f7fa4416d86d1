import { ListOf, RouteTarget } from '../../../common/api/directory';
import type { OfficeDb } from '../../db/database';
import { listRouteTargets } from '../../directory/route-targets';
import { replies, type Api } from '../types';

/** What a phone number can ring, for the admin console's picker. */
export function adminRouteTargetRoutes(app: Api, db: OfficeDb): void {
  app.get(
    '/admin/route-targets',
    {
      schema: {
        tags: ['admin'],
        operationId: 'listRouteTargets',
        summary:
          'Everything a phone number can ring (extensions, services, voicemail boxes): each target with its kind, number and name',
        response: replies({ 200: ListOf(RouteTarget) }),
      },
    },
    async () => ({ items: await listRouteTargets(db) }),
  );
}
