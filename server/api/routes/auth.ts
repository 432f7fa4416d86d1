import { Type } from 'typebox';
import {
  LoginRequest,
  LoginResponse,
  LogoutRequest,
  PasswordRecoveryAccepted,
  PasswordRecoveryConfirm,
  PasswordPolicy,
  PasswordRecoveryRequest,
  RefreshRequest,
  SignInOptions,
} from '../../../common/api/auth';
import type { OfficeServices } from '../../office-services';
import { login } from '../../accounts/login';
import { readCompany } from '../../directory/company';
import { endSessionByAccessToken, endSessionByRefreshToken, refreshSession } from '../../accounts/sessions';
import { bearerToken } from '../auth';
import { NO_CONTENT, replies, type Api } from '../types';

const TokenPair = Type.Object({
  accessToken: Type.String(),
  refreshToken: Type.String(),
  expiresIn: Type.Integer(),
});

export function authRoutes(
  app: Api,
  services: Pick<
    OfficeServices,
    'db' | 'clock' | 'accessTokens' | 'company' | 'loginThrottle' | 'lockoutNotices' | 'recovery'
  >,
): void {
  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        operationId: 'login',
        summary: 'Sign in with an extension number, an email or a phone number, and a password',
        description:
          'Answers with a device token: sent with the next sign-ins to the same account from this device, ' +
          'it lets the device in while wrong passwords from elsewhere keep the account locked. A phone number ' +
          'is E.164, or national with `country`: a direct number signs in its owner, the company’s main number ' +
          'its super admin.',
        body: LoginRequest,
        response: replies({ 200: LoginResponse }),
        errors: {
          400: ['invalid_field'],
          401: ['invalid_credentials'],
          403: ['account_suspended', 'portal_access_disabled', 'scope_not_allowed'],
          429: ['account_locked', 'too_many_requests'],
        },
      },
    },
    async (request) => login(services, request.body, request.ip),
  );

  app.post(
    '/auth/refresh',
    {
      schema: {
        tags: ['auth'],
        operationId: 'refreshSession',
        summary: 'Swap a refresh token for a new access and refresh token',
        body: RefreshRequest,
        response: replies({ 200: TokenPair }),
        errors: {
          401: ['session_expired'],
          403: ['account_suspended', 'portal_access_disabled', 'scope_not_allowed'],
        },
      },
    },
    async (request) => refreshSession(services, request.body.refreshToken),
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        operationId: 'logout',
        summary: 'End the session of a refresh token',
        body: LogoutRequest,
        response: replies(NO_CONTENT),
      },
    },
    async (request, reply) => {
      // Either token ends the session: the access token alone is enough when the app kept no other.
      if (request.body.refreshToken) await endSessionByRefreshToken(services, request.body.refreshToken);
      else if (request.headers.authorization) await endSessionByAccessToken(services, bearerToken(request));
      return reply.status(204).send();
    },
  );

  app.post(
    '/auth/password-recovery',
    {
      schema: {
        tags: ['auth'],
        operationId: 'requestPasswordRecovery',
        summary: 'Mail a recovery code to the owner of an extension or email',
        description: 'Answers the same whether or not the account exists.',
        body: PasswordRecoveryRequest,
        response: replies({ 202: PasswordRecoveryAccepted }),
        errors: { 429: ['too_many_requests'] },
      },
    },
    async (request, reply) =>
      reply.status(202).send(services.recovery.request(request.body.login, request.ip)),
  );

  app.post(
    '/auth/password-recovery/confirm',
    {
      schema: {
        tags: ['auth'],
        operationId: 'confirmPasswordRecovery',
        summary: 'Set a new password with a mailed recovery code',
        body: PasswordRecoveryConfirm,
        response: replies(NO_CONTENT),
        errors: { 400: ['invalid_code', 'password_policy'], 429: ['too_many_requests'] },
      },
    },
    async (request, reply) => {
      await services.recovery.confirm(request.body, request.ip);
      return reply.status(204).send();
    },
  );

  app.get(
    '/auth/password-policy',
    {
      schema: {
        tags: ['auth'],
        operationId: 'getPasswordPolicy',
        summary: 'The minimum password length, for forms that check a new password as it is typed',
        description:
          'Public: the forced change and password recovery happen before a full session exists. ' +
          'The check against common passwords runs only when the password is set.',
        response: replies({ 200: PasswordPolicy }),
      },
    },
    async () => ({ minLength: (await readCompany(services.db)).min_password_length }),
  );

  app.get(
    '/auth/sign-in-options',
    {
      schema: {
        tags: ['auth'],
        operationId: 'getSignInOptions',
        summary: 'The company’s country, preselected in the sign-in screen’s phone number picker',
        description: 'Public: shown before anyone signs in.',
        response: replies({ 200: SignInOptions }),
      },
    },
    async () => ({ country: (await readCompany(services.db)).country }),
  );
}
