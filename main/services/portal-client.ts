// The app's HTTP client of the office API. It holds the session's tokens (the refresh token
// in the CredentialVault when the person chose to stay signed in), refreshes the access token,
// and turns an unreachable office into an explicit offline state.
import { EventEmitter } from 'node:events';
import type { Static } from 'typebox';
import type { LoginResponse } from '../../common/api/auth';
import type { Me } from '../../common/api/me';
import type { RestRoute } from '../../common/ipc/channel';
import type { Session, SignInRequest } from '../../common/ipc/domains/auth';
import { IpcFailure } from '../ipc/failure';
import type { CredentialVault } from './credential-vault';

export type SessionInfo = Static<typeof Session>;
export type Connection = 'online' | 'offline';

/** A REST channel's request: the route's `:id`, query string and JSON body. */
export interface RestRequest {
  id?: string;
  query?: Record<string, unknown>;
  body?: unknown;
}

interface Tokens {
  accessToken: string;
  refreshToken: string;
}

interface PortalClientEvents {
  connection: [Connection];
  /** null: the session ended (signed out, or the office refused to refresh it). */
  session: [SessionInfo | null];
}

/** How long one request may take before the office counts as unreachable. */
const REQUEST_TIMEOUT_MS = 10_000;

export class PortalClient extends EventEmitter<PortalClientEvents> {
  private tokens: Tokens | null = null;
  private current: SessionInfo | null = null;
  /** The vault entry of a remembered session, `origin login`; null when nothing is kept. */
  private remembered: string | null = null;
  private refreshing: Promise<void> | null = null;
  private connection: Connection = 'online';

  constructor(
    /** The office's address, e.g. `http://127.0.0.1:8080`. */
    readonly baseUrl: string,
    private readonly vault: CredentialVault,
  ) {
    super();
  }

  get session(): SessionInfo | null {
    return this.current;
  }

  get connectionState(): Connection {
    return this.connection;
  }

  private accountKey(login: string): string {
    return `${new URL(this.baseUrl).origin} ${login}`;
  }

  async signIn(request: Static<typeof SignInRequest>): Promise<SessionInfo> {
    const { remember, ...login } = request;
    if (remember && login.scope === 'admin')
      throw new IpcFailure(
        'invalid_request',
        'An administrator sign-in is never remembered',
        'request.remember',
      );
    const answer = await this.send<LoginResponse>(
      { method: 'POST', path: '/auth/login' },
      { body: { ...login, remember: remember ?? false } },
      null,
    );
    await this.startSession(
      { accessToken: answer.accessToken, refreshToken: answer.refreshToken },
      { user: answer.user, scope: login.scope, mustChangePassword: answer.mustChangePassword },
      remember ? this.accountKey(login.login) : null,
    );
    return this.current as SessionInfo;
  }

  /** Signs in with the refresh token remembered for `login`; null when there is none or it ended. */
  async resume(login: string): Promise<SessionInfo | null> {
    const key = this.accountKey(login);
    const refreshToken = await this.vault.read(key, 'refresh-token');
    if (refreshToken === null) return null;
    let tokens: Tokens;
    try {
      tokens = await this.send<Tokens>(
        { method: 'POST', path: '/auth/refresh' },
        { body: { refreshToken } },
        null,
      );
    } catch (error) {
      if (
        error instanceof IpcFailure &&
        (error.code === 'session_expired' || error.code === 'unauthenticated')
      ) {
        await this.vault.forget(key, 'refresh-token');
        return null;
      }
      throw error;
    }
    const me = await this.send<Me>({ method: 'GET', path: '/me' }, {}, tokens.accessToken);
    const user = { id: me.id, name: me.name, email: me.email, role: me.role, extension: me.extension };
    await this.startSession(tokens, { user, scope: 'user', mustChangePassword: me.mustChangePassword }, key);
    return this.current;
  }

  async signOut(): Promise<void> {
    const tokens = this.tokens;
    const remembered = this.remembered;
    this.endSession();
    if (remembered !== null) await this.vault.wipe(remembered);
    if (tokens) {
      // Best effort: offline, the office ends the session by itself when it expires.
      await this.send(
        { method: 'POST', path: '/auth/logout' },
        { body: { refreshToken: tokens.refreshToken } },
        null,
      ).catch(() => undefined);
    }
  }

  /** The person chose their own password: the session is no longer limited to doing that. */
  passwordChanged(): void {
    if (!this.current?.mustChangePassword) return;
    this.current = { ...this.current, mustChangePassword: false };
    this.emit('session', this.current);
  }

  /**
   * Calls an office route as the signed-in person, refreshing the access token once if it
   * expired. `headers` are main's own (an `Idempotency-Key`), never the renderer's.
   */
  async call<T>(route: RestRoute, request: RestRequest, headers: Record<string, string> = {}): Promise<T> {
    if (!route.path.startsWith('/auth/') && !this.tokens)
      throw new IpcFailure('not_signed_in', 'Sign in first');
    return this.authorised((token) => this.send<T>(route, request, token, headers));
  }

  /**
   * Opens an office route that answers with something other than JSON (a recording, the event
   * stream) as the signed-in person; the caller reads the body. Refusals are thrown like `call`'s.
   */
  async open(path: string, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
    if (!this.tokens) throw new IpcFailure('not_signed_in', 'Sign in first');
    return this.authorised(async (token) => {
      const response = await this.fetch({ method: 'GET', path }, {}, token, headers, signal);
      if (!response.ok && response.status !== 304) await this.refusal(response);
      return response;
    });
  }

  /** Runs `attempt` with the access token, and once more after a refresh if the office found it expired. */
  private async authorised<T>(attempt: (accessToken: string | null) => Promise<T>): Promise<T> {
    try {
      return await attempt(this.tokens?.accessToken ?? null);
    } catch (error) {
      if (!(error instanceof IpcFailure) || error.code !== 'unauthenticated' || !this.tokens) throw error;
      await this.refresh();
      return attempt(this.tokens.accessToken);
    }
  }

  private async startSession(tokens: Tokens, session: SessionInfo, remember: string | null): Promise<void> {
    this.tokens = tokens;
    this.current = session;
    this.remembered = remember;
    if (remember !== null) await this.vault.save(remember, 'refresh-token', tokens.refreshToken);
    this.emit('session', session);
  }

  private endSession(): void {
    const had = this.current !== null;
    this.tokens = null;
    this.current = null;
    this.remembered = null;
    if (had) this.emit('session', null);
  }

  /** One refresh at a time: parallel requests that all found the token expired share it. */
  private refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      const refreshToken = this.tokens?.refreshToken;
      if (!refreshToken) throw new IpcFailure('not_signed_in', 'Sign in first');
      try {
        const tokens = await this.send<Tokens>(
          { method: 'POST', path: '/auth/refresh' },
          { body: { refreshToken } },
          null,
        );
        this.tokens = tokens;
        if (this.remembered !== null)
          await this.vault.save(this.remembered, 'refresh-token', tokens.refreshToken);
      } catch (error) {
        if (
          error instanceof IpcFailure &&
          (error.code === 'session_expired' || error.code === 'unauthenticated')
        ) {
          const remembered = this.remembered;
          this.endSession();
          if (remembered !== null) await this.vault.wipe(remembered);
          throw new IpcFailure('session_expired', 'The session has ended; sign in again');
        }
        throw error;
      }
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private setConnection(state: Connection): void {
    if (state === this.connection) return;
    this.connection = state;
    this.emit('connection', state);
  }

  private async send<T>(
    route: RestRoute,
    request: RestRequest,
    accessToken: string | null,
    extraHeaders: Record<string, string> = {},
  ): Promise<T> {
    const response = await this.fetch(route, request, accessToken, extraHeaders);
    if (response.status === 204) return null as T;
    if (!response.ok) return this.refusal(response);
    return (await response.json().catch(() => null)) as T;
  }

  private async fetch(
    route: RestRoute,
    request: RestRequest,
    accessToken: string | null,
    extraHeaders: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<Response> {
    const path = route.path.replace(':id', encodeURIComponent(request.id ?? ''));
    const url = new URL(`/api/v1${path}`, this.baseUrl);
    for (const [name, value] of Object.entries(request.query ?? {}))
      if (value !== undefined) url.searchParams.set(name, String(value));
    const headers: Record<string, string> = { ...extraHeaders };
    if (accessToken) headers.authorization = `Bearer ${accessToken}`;
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(url, {
        method: route.method,
        headers,
        body: request.body === undefined ? undefined : JSON.stringify(request.body),
        // A stream's caller ends it; every other request gives up when the office is silent.
        signal: signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch {
      this.setConnection('offline');
      throw new IpcFailure('offline', `The office at ${this.baseUrl} cannot be reached`);
    }
    this.setConnection('online');
    return response;
  }

  /** Throws the office's refusal as the IpcFailure it names. */
  private async refusal(response: Response): Promise<never> {
    const body = (await response.json().catch(() => null)) as unknown;
    const error = (body as { error?: { code?: unknown; message?: unknown; field?: unknown } } | null)?.error;
    if (typeof error?.code === 'string' && typeof error.message === 'string') {
      throw new IpcFailure(
        error.code as IpcFailure['code'],
        error.message,
        typeof error.field === 'string' ? error.field : undefined,
      );
    }
    throw new IpcFailure('internal_error', `The office answered ${response.status} without an explanation`);
  }
}
