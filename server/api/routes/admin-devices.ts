import {
  CreateDeviceRequest,
  CreatedDevice,
  Device,
  DeviceList,
  DeviceListQuery,
  SipServer,
  UpdateDeviceRequest,
  UpdatedDevice,
} from '../../../common/api/devices';
import { IdParams } from '../../../common/api/primitives';
import { getDevice, listDevices } from '../../directory/devices';
import {
  changeDevice,
  createDevice,
  removeDevice,
  type DeviceAdminServices,
} from '../../accounts/device-admin';
import { deviceView } from '../../provision/device-view';
import { adminOf } from '../auth';
import { NO_CONTENT, replies, type Api } from '../types';
import type { ServerConfig } from '../../config';

export function adminDeviceRoutes(
  app: Api,
  services: DeviceAdminServices & {
    config: Pick<ServerConfig, 'publicAddress' | 'sipDomain' | 'sipUdpPort' | 'sipTcpPort' | 'sipTls'>;
  },
): void {
  app.get(
    '/admin/sip-server',
    {
      schema: {
        tags: ['admin'],
        operationId: 'getSipServer',
        summary: 'Where desk phones register: the office’s public address, SIP domain and transports',
        response: replies({ 200: SipServer }),
      },
    },
    async () => {
      const { config } = services;
      const transports = [
        { transport: 'udp' as const, port: config.sipUdpPort },
        { transport: 'tcp' as const, port: config.sipTcpPort },
        ...(config.sipTls ? [{ transport: 'tls' as const, port: config.sipTls.tlsPort }] : []),
      ];
      return {
        address: config.publicAddress,
        domain: config.sipDomain,
        // A port left to the system to choose (0) is not known here: not offered rather than wrong.
        transports: transports.filter(({ port }) => port > 0),
      };
    },
  );

  app.get(
    '/admin/devices',
    {
      schema: {
        tags: ['admin'],
        operationId: 'listDevices',
        summary:
          'Devices of the office, assigned or in the free pool, with their registrations and a desk phone’s last fetch of its configuration',
        querystring: DeviceListQuery,
        response: replies({ 200: DeviceList }),
      },
    },
    async (request) => ({
      items: (await listDevices(services.db, request.query)).map((device) => deviceView(services, device)),
    }),
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
    async (request) => deviceView(services, await getDevice(services.db, request.params.id)),
  );

  app.post(
    '/admin/devices',
    {
      schema: {
        tags: ['admin'],
        operationId: 'createDevice',
        summary:
          'Add a device with its own SIP credentials (and a provisioned desk phone’s provisioning credentials), shown this once, to an extension or the free pool',
        body: CreateDeviceRequest,
        response: replies({ 201: CreatedDevice }),
        errors: { 403: ['forbidden'], 409: ['mac_taken'] },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createDevice(services, adminOf(request), request.body)),
  );

  app.patch(
    '/admin/devices/:id',
    {
      schema: {
        tags: ['admin'],
        operationId: 'updateDevice',
        summary:
          'Change a device (a provisioned desk phone is told to fetch its configuration again), move it to another extension or the pool, or renew its credentials',
        params: IdParams,
        body: UpdateDeviceRequest,
        response: replies({ 200: UpdatedDevice }),
        errors: { 403: ['forbidden'], 409: ['mac_taken'] },
      },
    },
    async (request) => changeDevice(services, adminOf(request), request.params.id, request.body),
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
      await removeDevice(services, adminOf(request), request.params.id);
      return reply.status(204).send();
    },
  );
}
