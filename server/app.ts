// Builds the office server's HTTP API. It never listens: server/main.ts (or a test, or the
// desktop app's embedded office) does that.
import { STATUS_CODES } from 'node:http';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyReply } from 'fastify';
import swagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { OfficeServices } from './office-services';
import { installErrorHandler } from './api/errors';
import { installSchemaCompilers } from './api/validation';
import { installJsonParser } from './api/json-body';
import { signInRequired } from './api/auth';
import { openApiOptions } from './api/openapi';
import { replies, type Api } from './api/types';
import { authRoutes } from './api/routes/auth';
import { meRoutes } from './api/routes/me';
import { meCallLogRoutes } from './api/routes/me-call-log';
import { meVoicemailRoutes } from './api/routes/me-voicemail';
import { meVoicemailGreetingRoutes } from './api/routes/me-voicemail-greeting';
import { meVoicemailPinRoutes } from './api/routes/me-voicemail-pin';
import { directoryRoutes } from './api/routes/directory';
import { meEventRoutes } from './api/routes/me-events';
import { adminUserRoutes } from './api/routes/admin-users';
import { adminDeviceRoutes } from './api/routes/admin-devices';
import { adminUserGroupRoutes } from './api/routes/admin-user-groups';
import { adminSettingsTemplateRoutes } from './api/routes/admin-settings-templates';
import { adminEmailTemplateRoutes } from './api/routes/admin-email-templates';
import { adminRingGroupRoutes } from './api/routes/admin-ring-groups';
import { adminRingGroupVoicemailRoutes } from './api/routes/admin-ring-group-voicemail';
import { adminMusicRoutes } from './api/routes/admin-music';
import { adminReceptionistRoutes } from './api/routes/admin-receptionists';
import { adminConferenceRoutes } from './api/routes/admin-conferences';
import { meConferenceRoutes } from './api/routes/me-conferences';
import { meRingGroupRoutes } from './api/routes/me-ring-groups';
import { adminPhoneNumberRoutes } from './api/routes/admin-phone-numbers';
import { adminRouteTargetRoutes } from './api/routes/admin-route-targets';
import { adminCompanyRoutes } from './api/routes/admin-company';
import { adminNumberingPlanRoutes } from './api/routes/admin-numbering-plan';
import { adminAuditLogRoutes } from './api/routes/admin-audit-log';
import { adminOutboxRoutes } from './api/routes/admin-outbox';
import { adminCallLogRoutes } from './api/routes/admin-call-log';
import { provisionRoutes } from './api/routes/provision';
import { adminTrunkRoutes } from './api/routes/admin-trunks';
import { officePageRoutes } from './api/routes/office-pages';
import { companyExists } from './directory/company';

export interface BuildAppOptions {
  /** The process's pino logger; without one the API logs nothing (tests). */
  logger?: FastifyBaseLogger;
}

export async function buildApp(
  office: OfficeServices,
  options: BuildAppOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: 256 * 1024,
    // A request must arrive whole within a minute (a 5 MB greeting on a slow uplink included):
    // one sent a byte at a time would otherwise hold its socket, and a request at work is never
    // dropped for a newcomer (server/http-connections.ts).
    requestTimeout: 60_000,
    trustProxy: false,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Requests Node's HTTP parser refuses before Fastify sees them (headers or address over
    // 16 KiB, broken framing): answered as Fastify's default handler would, in the API's error body.
    clientErrorHandler: (error, socket) => {
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      const [status, message] =
        error.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'The request address or headers are too long']
          : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? [408, 'The request took too long to arrive']
            : [400, 'The request is malformed'];
      const body = JSON.stringify({ error: { code: 'bad_request', message } });
      if (socket.writable) {
        socket.write(
          `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json\r\n` +
            `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      }
      socket.destroy(error);
    },
    // Errors the router raises before any route runs (a malformed or over-long address).
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      void reply
        .code(error.statusCode ?? 400)
        .type('application/json')
        .send(
          JSON.stringify({
            error: { code: 'bad_request', message: 'The request address is malformed or too long' },
          }),
        );
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.decorateRequest('caller', null);
  // Event streams never end by themselves: close them so the server can stop.
  app.addHook('preClose', async () => office.push.endAll());
  installSchemaCompilers(app);
  installJsonParser(app);
  installErrorHandler(app);

  await app.register(swagger, openApiOptions);
  // The pages the office's mail links to, at its own address (outside the API).
  officePageRoutes(app, office);

  // Desk phones fetch their configuration here, in their vendors' formats (outside the JSON API).
  await app.register(async (phones: Api) => provisionRoutes(phones, office));

  await app.register(
    async (api: Api) => {
      api.get(
        '/health',
        {
          schema: {
            tags: ['health'],
            operationId: 'getHealth',
            summary: 'Whether the server and its database answer',
            response: replies({ 200: Type.Object({ status: Type.Literal('ok') }) }),
          },
        },
        async () => {
          // Any answer will do: it shows the database is there and answers.
          await companyExists(office.db);
          return { status: 'ok' as const };
        },
      );
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
      authRoutes(api, office);

      await api.register(async (me: Api) => {
        signInRequired(me, office, 'user');
        meRoutes(me, office);
        meCallLogRoutes(me, office.db);
        meVoicemailRoutes(me, office);
        meVoicemailGreetingRoutes(me, office);
        meVoicemailPinRoutes(me, office);
        directoryRoutes(me, office.db);
        meEventRoutes(me, office.push);
        meRingGroupRoutes(me, office.db);
        meConferenceRoutes(me, office);
      });

      await api.register(async (admin: Api) => {
        signInRequired(admin, office, 'admin');
        adminUserRoutes(admin, office);
        adminDeviceRoutes(admin, office);
        adminUserGroupRoutes(admin, office);
        adminSettingsTemplateRoutes(admin, office);
        adminEmailTemplateRoutes(admin, office);
        adminPhoneNumberRoutes(admin, office);
        adminRingGroupRoutes(admin, office);
        adminRingGroupVoicemailRoutes(admin, office);
        adminMusicRoutes(admin, office);
        adminReceptionistRoutes(admin, office);
        adminConferenceRoutes(admin, office);
        adminRouteTargetRoutes(admin, office.db);
        adminCompanyRoutes(admin, office);
        adminNumberingPlanRoutes(admin, office);
        adminAuditLogRoutes(admin, office.db);
        adminOutboxRoutes(admin, office);
        adminCallLogRoutes(admin, office.db);
        await admin.register(async (superAdmin: Api) => adminTrunkRoutes(superAdmin, office));
      });
    },
    { prefix: '/api/v1' },
  );
  return app;
}
