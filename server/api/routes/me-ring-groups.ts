import { IdParams, StrictObject } from '../../../common/api/primitives';
import { MyRingGroup, MyRingGroupMembership } from '../../../common/api/ring-groups';
import { Type } from 'typebox';
import type { OfficeDb } from '../../db/database';
import { listMyRingGroups, setMyRingGroupMembership } from '../../directory/ring-groups';
import { callerOf } from '../auth';
import { replies, type Api } from '../types';

/** The ring groups a user belongs to, and logging in and out of them. */
export function meRingGroupRoutes(app: Api, db: OfficeDb): void {
  app.get(
    '/me/ring-groups',
    {
      schema: {
        tags: ['me'],
        operationId: 'listMyRingGroups',
        summary: 'The ring groups your extension belongs to, and whether you take their calls',
        response: replies({ 200: StrictObject({ items: Type.Array(MyRingGroup) }) }),
      },
    },
    async (request) => ({ items: await listMyRingGroups(db, callerOf(request).userId) }),
  );

  app.put(
    '/me/ring-groups/:id/membership',
    {
      schema: {
        tags: ['me'],
        operationId: 'putMyRingGroupMembership',
        summary: 'Log in to a ring group (its calls ring you) or out of it',
        params: IdParams,
        body: MyRingGroupMembership,
        response: replies({ 200: MyRingGroup }),
      },
    },
    async (request) =>
      setMyRingGroupMembership(db, callerOf(request).userId, request.params.id, request.body.loggedIn),
  );
}
