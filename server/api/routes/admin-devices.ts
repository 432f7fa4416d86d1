import {
  CreateDeviceRequest,
  CreatedDevice,
  Device,
  DeviceList,
  DeviceListQuery,
  UpdateDeviceRequest,
  UpdatedDevice,
} from '../../../common/api/devices';
import { IdParams } from '../../../common/api/primitives';
import type { OfficeServices } from '../../office-services';
import type { OfficeDb } from '../../db/database';
import { deleteDevice, getDevice, insertDevice, listDevices, updateDevice } from '../../directory/devices';
import { writeAudit, type Actor } from '../../directory/audit';
import { adminOf } from '../auth';
import { assertMayManageDevice, assertMayManageExtension } from '../../accounts/authority';
import { NO_CONTENT, replies, type Api } from '../types';

/** An audit entry about one device. */
const auditDevice = (
  trx: OfficeDb,
  now: number,
  actor: Actor,
  action: 'created' | 'updated' | 'deleted',
  id: string,
  details: Record<string, unknown>,
) => writeAudit(trx, now, actor, `device.${action}`, { type: 'device', id }, details);

export function adminDeviceRoutes(app: Api, office: OfficeServices): void {
  app.get(
    '/admin/devices',
    {
      schema: {
        tags: ['admin'],
        operationId: 'listDevices',
        summary: 'Devices of the office, assigned or in the free pool',
        querystring: DeviceListQuery,
        response: replies({ 200: DeviceList }),
      },
    },
    async (request) => ({ items: await listDevices(office.db, request.query) }),
  );

  app.get(
    '/admin/devices/:id',
    {
      schema: {
        tags: ['admin'],
        operationId: 'getDevice',
        summary: 'A device',
        params: IdParams,
        response: replies({ 200: Device }),
      },
    },
    async (request) => getDevice(office.db, request.params.id),
  );

  app.post(
    '/admin/devices',
    {
      schema: {
        tags: ['admin'],
        operationId: 'createDevice',
        summary:
          'Add a device with its own SIP credentials (shown this once), to an extension or the free pool',
        body: CreateDeviceRequest,
        response: replies({ 201: CreatedDevice }),
        errors: { 403: ['forbidden'], 409: ['mac_taken'] },
      },
    },
    async (request, reply) => {
      const { id, sipPassword } = await office.db.transaction().execute(async (trx) => {
        const now = office.clock();
        const actor = adminOf(request);
        await assertMayManageExtension(trx, actor, request.body.extension ?? null, 'body.extension');
        const created = await insertDevice(trx, office.secrets, request.body, now);
        await auditDevice(trx, now, actor, 'created', created.id, request.body);
        return created;
      });
      return reply.status(201).send({ ...(await getDevice(office.db, id)), sipPassword });
    },
  );

  app.patch(
    '/admin/devices/:id',
    {
      schema: {
        tags: ['admin'],
        operationId: 'updateDevice',
        summary: 'Change a device, move it to another extension or the pool, or renew its credentials',
        params: IdParams,
        body: UpdateDeviceRequest,
        response: replies({ 200: UpdatedDevice }),
        errors: { 403: ['forbidden'], 409: ['mac_taken'] },
      },
    },
    async (request) => {
      const { revokedUsername, sipPassword } = await office.db.transaction().execute(async (trx) => {
        const now = office.clock();
        const actor = adminOf(request);
        await assertMayManageDevice(trx, actor, request.params.id);
        if (request.body.extension !== undefined)
          await assertMayManageExtension(trx, actor, request.body.extension, 'body.extension');
        const result = await updateDevice(trx, office.secrets, request.params.id, request.body, now);
        await auditDevice(trx, now, actor, 'updated', request.params.id, request.body);
        return result;
      });
      if (revokedUsername) office.events.emit('sip-credentials-revoked', [revokedUsername]);
      const device = await getDevice(office.db, request.params.id);
      return sipPassword === null ? device : { ...device, sipPassword };
    },
  );

  app.delete(
    '/admin/devices/:id',
    {
      schema: {
        tags: ['admin'],
        operationId: 'deleteDevice',
        summary: 'Delete a device; its registrations end',
        params: IdParams,
        response: replies(NO_CONTENT),
      },
    },
    async (request, reply) => {
      const username = await office.db.transaction().execute(async (trx) => {
        const now = office.clock();
        const actor = adminOf(request);
        await assertMayManageDevice(trx, actor, request.params.id);
        const removed = await deleteDevice(trx, request.params.id);
        await auditDevice(trx, now, actor, 'deleted', request.params.id, { label: removed.label });
        return removed.sipUsername;
      });
      office.events.emit('sip-credentials-revoked', [username]);
      return reply.status(204).send();
    },
  );
}
