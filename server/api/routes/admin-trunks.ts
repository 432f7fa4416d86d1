// SIP trunks, for super admins only: reading them as well, since a trunk names the office's
// carrier account and shows how its outside calls go.
import { CreateTrunk, Trunk, TrunkList, UpdateTrunk } from '../../../common/api/trunks';
import { IdParams } from '../../../common/api/primitives';
import { getTrunk, listTrunks, type TrunkSettings } from '../../directory/trunks';
import {
  assertMayManageTrunks,
  changeTrunk,
  createTrunk,
  deleteTrunk,
  type TrunkAdminServices,
} from '../../sip/trunks/trunk-admin';
import type { TrunkStatusBoard } from '../../sip/trunks/status-board';
import { systemResolver } from '../../sip/trunks/resolve';
import { adminOf } from '../auth';
import { NO_CONTENT, replies, type Api } from '../types';

export type TrunkRouteServices = Omit<TrunkAdminServices, 'resolveHost'> & { trunkStatus: TrunkStatusBoard };

export function adminTrunkRoutes(app: Api, services: TrunkRouteServices): void {
  const admin: TrunkAdminServices = { ...services, resolveHost: systemResolver };
  const withStatus = (trunk: TrunkSettings): Trunk => ({
    ...trunk,
    status: services.trunkStatus.statusOf(trunk),
  });
  const tags = ['admin'];
  // Every route here, reads included: a plain admin is refused before anything is read. The
  // caller declares these routes in a scope of their own, so the hook holds them only.
  app.addHook('onRequest', async (request) => assertMayManageTrunks(adminOf(request)));

  app.get(
    '/admin/trunks',
    {
      schema: {
        tags,
        operationId: 'listTrunks',
        summary: 'List the SIP trunks, in failover order, each with how it is doing',
        description: 'Super admins only. Carrier passwords are never shown.',
        response: replies({ 200: TrunkList }),
      },
    },
    async () => ({ items: (await listTrunks(services.db)).map(withStatus) }),
  );

  app.post(
    '/admin/trunks',
    {
      schema: {
        tags,
        operationId: 'createTrunk',
        summary: 'Add a SIP trunk to a carrier',
        description:
          'Super admins only. Host names are resolved when saved (and by the SIP service every few minutes); ' +
          'a registration trunk starts registering at once.',
        body: CreateTrunk,
        response: replies({ 201: Trunk }),
        errors: { 400: ['invalid_field', 'missing_field'], 409: ['name_taken'] },
      },
    },
    async (request, reply) => {
      const id = await createTrunk(admin, adminOf(request), request.body);
      return reply.status(201).send(withStatus(await getTrunk(services.db, id)));
    },
  );

  app.get(
    '/admin/trunks/:id',
    {
      schema: {
        tags,
        operationId: 'getTrunk',
        summary: 'A SIP trunk and how it is doing',
        params: IdParams,
        response: replies({ 200: Trunk }),
      },
    },
    async (request) => withStatus(await getTrunk(services.db, request.params.id)),
  );

  app.patch(
    '/admin/trunks/:id',
    {
      schema: {
        tags,
        operationId: 'updateTrunk',
        summary: 'Change a SIP trunk',
        description: 'The password changes only when one is given; a trunk keeps its kind.',
        params: IdParams,
        body: UpdateTrunk,
        response: replies({ 200: Trunk }),
        errors: { 400: ['invalid_field', 'missing_field'], 409: ['name_taken'] },
      },
    },
    async (request) => {
      await changeTrunk(admin, adminOf(request), request.params.id, request.body);
      return withStatus(await getTrunk(services.db, request.params.id));
    },
  );

  app.delete(
    '/admin/trunks/:id',
    {
      schema: {
        tags,
        operationId: 'deleteTrunk',
        summary: 'Remove a SIP trunk; its registration ends',
        params: IdParams,
        response: replies(NO_CONTENT),
      },
    },
    async (request, reply) => {
      await deleteTrunk(admin, adminOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
