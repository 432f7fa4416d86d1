import type { FastifyReply, FastifyRequest } from 'fastify';
import { authenticate, type Caller, type SessionServices } from '../accounts/sessions';
import { OfficeError } from '../errors';
import type { AdminActor } from '../accounts/authority';
import type { Api } from './types';

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller | null;
  }
  interface FastifyContextConfig {
    /** Routes a user may call while their password must still be changed. */
    allowBeforePasswordChange?: boolean;
    /** The sign-in a route needs; set by `signInRequired`, read by the API document. */
    signIn?: 'user' | 'admin';
  }
}

export function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  const match = header ? /^Bearer ([A-Za-z0-9_.-]{10,1000})$/.exec(header) : null;
  if (!match?.[1])
    throw new OfficeError(401, 'unauthenticated', 'Sign in first: a Bearer access token is required');
  return match[1];
}

/** An onRequest hook: a signed-in caller of the given scope, with a changed password. */
function requireSignIn(sessions: SessionServices, scope: 'user' | 'admin') {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const caller = await authenticate(sessions, bearerToken(request));
    if (scope === 'admin' && caller.scope !== 'admin') {
      throw new OfficeError(403, 'forbidden', 'This needs an administrator sign-in');
    }
    if (caller.mustChangePassword && !request.routeOptions.config.allowBeforePasswordChange) {
      throw new OfficeError(
        403,
        'password_change_required',
        'Choose a new password first: POST /api/v1/me/password with currentPassword and newPassword',
      );
    }
    request.caller = caller;
  };
}

/**
 * Every route declared on `app` from here on needs a signed-in caller of the scope: checked on
 * each request, and marked on the route so the API document says so.
 */
export function signInRequired(app: Api, sessions: SessionServices, scope: 'user' | 'admin'): void {
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, signIn: scope };
  });
  app.addHook('onRequest', requireSignIn(sessions, scope));
}

export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new OfficeError(401, 'unauthenticated', 'Sign in first');
  return request.caller;
}

export function adminOf(request: FastifyRequest): AdminActor {
  const caller = callerOf(request);
  return { id: caller.userId, name: caller.name, role: caller.role };
}
