import { Type } from 'typebox';
import {
  LoginRequest,
  LoginResponse,
  LogoutRequest,
  PasswordRecoveryAccepted,
  PasswordRecoveryConfirm,
  PasswordRecoveryRequest,
  RefreshRequest,
} from '../../../common/api/auth';
import type { Office } from '../../office';
import { login } from '../../accounts/login';
import { endSessionByAccessToken, endSessionByRefreshToken, refreshSession } from '../../accounts/sessions';
import { bearerToken } from '../auth';
import { NO_CONTENT, replies, type Api } from '../types';

const TokenPair = Type.Object({
  accessToken: Type.String(),
  refreshToken: Type.String(),
  expiresIn: Type.Integer(),
});

export function authRoutes(app: Api, office: Office): void {
  app.post(
    '/auth/login',
    { schema: { tags: ['auth'], body: LoginRequest, response: replies({ 200: LoginResponse }) } },
    async (request) => login(office, request.body, request.ip),
  );

  app.post(
    '/auth/refresh',
    { schema: { tags: ['auth'], body: RefreshRequest, response: replies({ 200: TokenPair }) } },
    async (request) => refreshSession(office, request.body.refreshToken),
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['auth'], body: LogoutRequest, response: replies(NO_CONTENT) } },
    async (request, reply) => {
      // Either token ends the session: the access token alone is enough when the app kept no other.
      if (request.body.refreshToken) await endSessionByRefreshToken(office, request.body.refreshToken);
      else if (request.headers.authorization) await endSessionByAccessToken(office, bearerToken(request));
      return reply.status(204).send();
    },
  );

  app.post(
    '/auth/password-recovery',
    {
      schema: {
        tags: ['auth'],
        body: PasswordRecoveryRequest,
        response: replies({ 202: PasswordRecoveryAccepted }),
      },
    },
    async (request, reply) =>
      reply.status(202).send(office.recovery.request(office, request.body.login, request.ip)),
  );

  app.post(
    '/auth/password-recovery/confirm',
    { schema: { tags: ['auth'], body: PasswordRecoveryConfirm, response: replies(NO_CONTENT) } },
    async (request, reply) => {
      await office.recovery.confirm(office, request.body, request.ip);
      return reply.status(204).send();
    },
  );
}
