import { ChangePasswordRequest, Me, SoftphoneConfig } from '../../../common/api/me';
import { Preferences, PreferencesPatch } from '../../../common/api/preferences';
import type { OfficeServices } from '../../office-services';
import { OfficeError } from '../../errors';
import { findSoftphoneOf } from '../../directory/softphones';
import { turnCredentials } from '../../media/turn-credentials';
import { changeOwnPassword } from '../../accounts/own-password';
import { readPreferences } from '../../directory/preferences';
import { changeOwnPreferences } from '../../accounts/own-preferences';
import { getUserSummary } from '../../directory/users';
import { callerOf } from '../auth';
import { NO_CONTENT, replies, type Api } from '../types';

export function meRoutes(
  app: Api,
  services: Pick<
    OfficeServices,
    'db' | 'clock' | 'config' | 'company' | 'loginThrottle' | 'lockoutNotices' | 'secrets' | 'push' | 'events'
  >,
): void {
  app.get(
    '/me',
    {
      config: { allowBeforePasswordChange: true },
      schema: {
        tags: ['me'],
        operationId: 'getMe',
        summary: 'Who is signed in, and whether they must change their password',
        response: replies({ 200: Me }),
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const user = await getUserSummary(services.db, caller.userId);
      return {
        id: user.id,
        name: user.name,
        email: user.email,
        role: user.role,
        extension: user.extension,
        mustChangePassword: user.mustChangePassword,
        companyName: (await services.company.get()).name,
      };
    },
  );

  app.post(
    '/me/password',
    {
      config: { allowBeforePasswordChange: true },
      schema: {
        tags: ['me'],
        operationId: 'changeOwnPassword',
        summary: 'Change your own password',
        body: ChangePasswordRequest,
        response: replies(NO_CONTENT),
        errors: { 400: ['invalid_credentials', 'password_policy', 'password_reused'] },
      },
    },
    async (request, reply) => {
      await changeOwnPassword(services, callerOf(request), request.body, request.ip);
      return reply.status(204).send();
    },
  );

  app.get(
    '/me/preferences',
    {
      schema: {
        tags: ['me'],
        operationId: 'getPreferences',
        summary: 'Your call preferences: do not disturb, forwarding, ring time, caller ID',
        response: replies({ 200: Preferences }),
        errors: { 404: ['not_found'] },
      },
    },
    async (request) => readPreferences(services.db, callerOf(request).userId),
  );

  app.patch(
    '/me/preferences',
    {
      schema: {
        tags: ['me'],
        operationId: 'updatePreferences',
        summary: 'Change some of your call preferences (forwarding only to a colleague’s extension)',
        body: PreferencesPatch,
        response: replies({ 200: Preferences }),
        errors: { 400: ['unknown_extension'], 404: ['not_found'] },
      },
    },
    async (request) => changeOwnPreferences(services, callerOf(request).userId, request.body),
  );

  app.get(
    '/me/softphone',
    {
      schema: {
        tags: ['me'],
        operationId: 'getSoftphoneConfig',
        summary: "Your softphone's SIP account and servers, for the app to register with",
        response: replies({ 200: SoftphoneConfig }),
        errors: { 404: ['not_found'] },
      },
    },
    async (request) => {
      const device = await findSoftphoneOf(services.db, callerOf(request).userId);
      const { config } = services;
      if (config.sipWsPort === 0)
        throw new OfficeError(404, 'not_found', 'SIP over WebSocket is not enabled');
      return {
        sipUri: `sip:${device.number}@${config.sipDomain}`,
        authorizationUsername: device.sip_username,
        password: services.secrets.unseal(device.sip_password_sealed),
        realm: config.sipDomain,
        // Secure WebSocket first where a certificate is configured.
        websocketServers: [
          ...(config.sipTls ? [`wss://${config.publicAddress}:${config.sipTls.wssPort}`] : []),
          `ws://${config.publicAddress}:${config.sipWsPort}`,
        ],
        // TURN credentials are minted per request and expire (--turn-ttl).
        iceServers: [
          ...config.iceServers,
          ...(config.turn ? [turnCredentials(config.turn, device.sip_username, services.clock())] : []),
        ],
      };
    },
  );
}
