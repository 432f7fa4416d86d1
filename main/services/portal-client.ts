// The app's HTTP client of the office API. It holds the session's tokens (the refresh token
// in the CredentialVault when the person chose to stay signed in, and the office's token for this
// computer, sent with each sign-in so strangers' wrong passwords do not lock the person out of
// it), refreshes the access token, and turns an unreachable office into an explicit offline
// state. A remembered session whose office cannot be reached at launch opens offline, as the
// person it was, until the office answers. An elevated session the office ends for idleness is
// kept as who was signed in, without tokens, so the admin console can ask for the password in
// place (see `lock`).
import { EventEmitter } from 'node:events';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { SessionEndReason, SignedInUser, type LoginResponse } from '../../common/api/auth';
import { Conflict } from '../../common/api/errors';
import type { Me } from '../../common/api/me';
import type { RestRoute } from '../../common/ipc/channel';
import type { Session, SignInRequest, SignInResult } from '../../common/ipc/domains/auth';
import { IpcFailure } from '../ipc/failure';
import type { CredentialVault } from './credential-vault';
import { pause } from './pause';

/** A refusal's list of what stands in the way, checked before it is passed on. */
const CONFLICTS = Type.Array(Conflict, { maxItems: 1000 });

export type SessionInfo = Static<typeof Session>;
export type SignedIn = Static<typeof SignInResult>;
export type Connection = 'online' | 'offline';

/** A REST channel's request: the route's `:id`, query string and JSON body (or a file instead). */
export interface RestRequest {
  id?: string;
  query?: Record<string, unknown>;
  body?: unknown;
  /** Sent as the body, as is, labelled with its type (a greeting's audio). */
  file?: { type: string; bytes: Uint8Array };
}

/** Reads a successful answer that is not JSON. */
export type ReadBody<T> = (response: Response) => Promise<T>;

interface Tokens {
  /** null in an offline session until the office issues one. */
  accessToken: string | null;
  refreshToken: string;
}

/** How soon an offline session tries the office again: doubling from the first to the most. */
export interface ReconnectTiming {
  firstRetryMs: number;
  maxRetryMs: number;
}

const DEFAULT_RECONNECT: ReconnectTiming = { firstRetryMs: 1_000, maxRetryMs: 30_000 };

interface PortalClientEvents {
  connection: [Connection];
  /** null: the session ended (signed out, or the office ended a person's own session). */
  session: [SessionInfo | null];
  /**
   * The office ended a person's own session: after `session` null, with the reason it gave (null
   * when it gave none).
   */
  endedByOffice: [SessionEndReason | null];
}

/** How long one request may take before the office counts as unreachable. */
const REQUEST_TIMEOUT_MS = 10_000;

/** The office's answers that end a session for good: no retry brings it back. */
const isRefusal = (error: unknown) =>
  error instanceof IpcFailure && (error.code === 'session_expired' || error.code === 'unauthenticated');

const sessionEnded = () => new IpcFailure('session_expired', 'The session has ended; sign in again');

export class PortalClient extends EventEmitter<PortalClientEvents> {
  /** null while signed out, and while an elevated session waits for its password (`current` set). */
  private tokens: Tokens | null = null;
  private current: SessionInfo | null = null;
  /** The vault entry of a remembered session, `origin login`; null when nothing is kept. */
  private remembered: string | null = null;
  private refreshing: Promise<void> | null = null;
  private connection: Connection = 'online';
  /** Set while the session was opened offline: ends the tries to reach the office. */
  private offlineSession: AbortController | null = null;
  /** Wakes the offline session's wait when a request found the office again. */
  private officeAnswered: (() => void) | null = null;

  constructor(
    /** The office's address, e.g. `http://127.0.0.1:8080`. */
    private office: string,
    private readonly vault: CredentialVault,
    private readonly reconnectTiming: ReconnectTiming = DEFAULT_RECONNECT,
  ) {
    super();
  }

  get baseUrl(): string {
    return this.office;
  }

  /** Talks to another office from now on; only while signed out, so no session spans two offices. */
  useOffice(url: string): void {
    if (this.current) throw new IpcFailure('conflict', 'Sign out before changing the office server');
    this.office = url;
    this.setConnection('online');
  }

  get session(): SessionInfo | null {
    return this.current;
  }

  /** True while an elevated session the office ended waits for the same administrator's password. */
  get locked(): boolean {
    return this.current !== null && this.tokens === null;
  }

  /** True while the session was opened from what this computer remembers, the office not yet reached. */
  get offline(): boolean {
    return this.offlineSession !== null;
  }

  get connectionState(): Connection {
    return this.connection;
  }

  private accountKey(login: string): string {
    return `${new URL(this.baseUrl).origin} ${login}`;
  }

  /**
   * Signs in. "Keep me signed in" keeps the refresh token in the keyring; on a computer with no
   * usable keyring the person is signed in all the same, for as long as the app runs, and the
   * answer says staying signed in was not possible (`staySignedIn`).
   */
  async signIn(request: Static<typeof SignInRequest>): Promise<SignedIn> {
    const { remember = false, ...login } = request;
    if (remember && login.scope === 'admin')
      throw new IpcFailure(
        'invalid_request',
        'An administrator sign-in is never remembered',
        'request.remember',
      );
    // Without a keyring nothing could keep the token: the office is not asked for a session
    // without an idle limit that nobody can resume.
    const keep = remember && this.vault.usable;
    const deviceToken = await this.vault.read(this.deviceKey(login.login), 'device-token').catch(() => null);
    const answer = await this.send<LoginResponse>(
      { method: 'POST', path: '/auth/login' },
      { body: { ...login, remember: keep, ...(deviceToken !== null && { deviceToken }) } },
      null,
    );
    await this.keepDeviceToken(answer);
    const kept = await this.startSession(
      { accessToken: answer.accessToken, refreshToken: answer.refreshToken },
      {
        user: answer.user,
        scope: login.scope,
        mustChangePassword: answer.mustChangePassword,
        idleMinutes: answer.idleMinutes,
      },
      keep ? this.accountKey(login.login) : null,
    );
    const staySignedIn = !remember ? 'not-asked' : kept ? 'kept' : 'not-possible';
    return { ...(this.current as SessionInfo), staySignedIn };
  }

  /** Where this computer's device token for an account is kept: by login, as either may be typed. */
  private deviceKey(login: string): string {
    return this.accountKey(login.trim().toLowerCase());
  }

  /**
   * Keeps the office's token for this computer under the account's email and extension, for the
   * next sign-ins. Best effort: without a keyring the computer is simply not known to the office.
   */
  private async keepDeviceToken(answer: LoginResponse): Promise<void> {
    for (const login of [answer.user.email, answer.user.extension]) {
      if (login !== null)
        await this.vault
          .save(this.deviceKey(login), 'device-token', answer.deviceToken)
          .catch(() => undefined);
    }
  }

  /**
   * Signs in with the refresh token remembered for `login`; null when there is none or it ended.
   * With the office unreachable, the session opens offline as the person last signed in (never
   * elevated) and goes online by itself once the office answers and takes the token.
   */
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
      if (isRefusal(error)) {
        await this.vault.wipe(key);
        return null;
      }
      if (error instanceof IpcFailure && error.code === 'offline') {
        const user = await this.rememberedUser(key);
        if (user === null) throw error;
        await this.startSession({ accessToken: null, refreshToken }, this.userSession(user), key);
        this.reconnect();
        return this.current;
      }
      throw error;
    }
    await this.startSession(tokens, this.userSession(await this.me(tokens.accessToken)), key);
    return this.current;
  }

  /** Stops trying to reach the office for an offline session (the app is closing). */
  stop(): void {
    this.endOffline();
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
    if (!route.path.startsWith('/auth/')) this.assertSignedIn();
    return this.authorised((token) => this.send<T>(route, request, token, headers));
  }

  /**
   * Opens an office route that answers with something other than JSON (a recording, the event
   * stream) as the signed-in person; the caller reads the body. Refusals are thrown like `call`'s.
   */
  async open(path: string, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
    this.assertSignedIn();
    return this.authorised(async (token) => {
      const response = await this.fetch({ method: 'GET', path }, {}, token, headers, signal);
      if (!response.ok && response.status !== 304) await this.refusal(response);
      return response;
    });
  }

  /** A locked session's requests fail the way an ended session's do, so the console asks for the password. */
  private assertSignedIn(): void {
    if (this.locked) throw sessionEnded();
    if (!this.tokens) throw new IpcFailure('not_signed_in', 'Sign in first');
  }

  /** Runs `attempt` with the access token, and once more after a refresh if the office found it expired. */
  private async authorised<T>(attempt: (accessToken: string | null) => Promise<T>): Promise<T> {
    const tokens = this.tokens;
    try {
      return await attempt(tokens?.accessToken ?? null);
    } catch (error) {
      if (!(error instanceof IpcFailure) || !this.tokens) throw error;
      // An access token still valid whose session the office ended (idle too long, revoked by a
      // password reset or a suspension). A refusal of tokens a new sign-in has replaced ends nothing.
      if (error.code === 'session_expired' && tokens === this.tokens) {
        await this.sessionRefused(error.reason ?? null);
        throw error;
      }
      if (error.code !== 'unauthenticated') throw error;
      await this.refresh();
      if (!this.tokens) throw sessionEnded();
      return attempt(this.tokens.accessToken);
    }
  }

  /**
   * Starts the session, remembered under `remember` when the keyring takes it; whether it did.
   * A keyring that refuses (locked, gone since launch) leaves the session going, not remembered.
   */
  private async startSession(
    tokens: Tokens,
    session: SessionInfo,
    remember: string | null,
  ): Promise<boolean> {
    this.endOffline();
    this.tokens = tokens;
    this.current = session;
    const kept = remember !== null && (await this.keep(remember, tokens.refreshToken, session));
    this.remembered = kept ? remember : null;
    this.emit('session', session);
    return kept;
  }

  /** Saves what resuming the session needs; false when the keyring refuses it. */
  private async keep(key: string, refreshToken: string, session: SessionInfo): Promise<boolean> {
    try {
      await this.vault.save(key, 'refresh-token', refreshToken);
      if (session.scope === 'user')
        await this.vault.save(key, 'session-summary', JSON.stringify(session.user));
      return true;
    } catch (error) {
      if (!(error instanceof IpcFailure && error.code === 'keyring_unavailable')) throw error;
      // Nothing half kept: a token without its summary, or an older token, resumes nothing right.
      await this.vault.wipe(key).catch(() => undefined);
      return false;
    }
  }

  /** The person remembered under `key`, or null when nothing (readable) is. */
  private async rememberedUser(key: string): Promise<SignedInUser | null> {
    const stored = await this.vault.read(key, 'session-summary');
    if (stored === null) return null;
    try {
      const user: unknown = JSON.parse(stored);
      return Value.Check(SignedInUser, user) ? user : null;
    } catch {
      return null;
    }
  }

  /** A person's own session (never an administrator's): resumed ones are only ever these. */
  private userSession(user: SignedInUser & { mustChangePassword?: boolean }): SessionInfo {
    const { id, name, email, role, extension } = user;
    return {
      user: { id, name, email, role, extension },
      scope: 'user',
      mustChangePassword: user.mustChangePassword ?? false,
    };
  }

  private me(accessToken: string | null): Promise<Me> {
    return this.send<Me>({ method: 'GET', path: '/me' }, {}, accessToken);
  }

  /**
   * The offline session's tries to reach the office, with backoff, sooner when any request finds
   * it: a new token and the person's current details take it online; a refusal ends it (in `refresh`).
   */
  private reconnect(): void {
    const abort = new AbortController();
    this.offlineSession = abort;
    void (async () => {
      let delay = this.reconnectTiming.firstRetryMs;
      while (!abort.signal.aborted) {
        await new Promise<void>((resolve) => {
          this.officeAnswered = resolve;
          void pause(delay * (0.5 + Math.random() / 2), abort.signal).then(resolve);
        });
        this.officeAnswered = null;
        if (abort.signal.aborted) return;
        try {
          if (this.tokens?.accessToken === null) await this.refresh();
          const me = await this.authorised((token) => this.me(token));
          if (abort.signal.aborted) return;
          this.endOffline();
          const session = this.userSession(me);
          this.current = session;
          this.emit('session', session);
          // The session is online either way; a keyring that fails now only leaves the older summary.
          if (this.remembered !== null)
            await this.vault
              .save(this.remembered, 'session-summary', JSON.stringify(session.user))
              .catch(() => undefined);
          return;
        } catch (error) {
          // Refused: `refresh` ended the session. Anything else: the office is tried again later.
          if (isRefusal(error) || this.current === null) return;
        }
        delay = Math.min(delay * 2, this.reconnectTiming.maxRetryMs);
      }
    })();
  }

  private endOffline(): void {
    this.offlineSession?.abort();
    this.offlineSession = null;
  }

  /**
   * The office ended the elevated session (idle past the company's admin limit): its tokens go,
   * the admin it was stays, so signing in again as them carries on where they were.
   */
  private lock(): void {
    this.tokens = null;
  }

  /**
   * The office ended the session: an administrator's locks (the same admin may sign in again in
   * place); a person's own ends, and its remembered refresh token leaves the keyring.
   */
  private async sessionRefused(reason: SessionEndReason | null): Promise<void> {
    // An administrator is never remembered: nothing of theirs is in the keyring to wipe.
    if (this.current?.scope === 'admin') return this.lock();
    const remembered = this.remembered;
    this.endSession();
    this.emit('endedByOffice', reason);
    if (remembered !== null) await this.vault.wipe(remembered);
  }

  private endSession(): void {
    this.endOffline();
    const had = this.current !== null;
    this.tokens = null;
    this.current = null;
    this.remembered = null;
    if (had) this.emit('session', null);
  }

  /** One refresh at a time: parallel requests that all found the token expired share it. */
  private refresh(): Promise<void> {
    this.refreshing ??= (async () => {
      const before = this.tokens;
      if (!before) throw new IpcFailure('not_signed_in', 'Sign in first');
      const { refreshToken } = before;
      try {
        const tokens = await this.send<Tokens>(
          { method: 'POST', path: '/auth/refresh' },
          { body: { refreshToken } },
          null,
        );
        if (before !== this.tokens) return;
        this.tokens = tokens;
        if (this.remembered !== null)
          await this.vault.save(this.remembered, 'refresh-token', tokens.refreshToken);
      } catch (error) {
        // A refusal of tokens a new sign-in has replaced meanwhile ends nothing.
        if (isRefusal(error) && before === this.tokens) {
          await this.sessionRefused(error instanceof IpcFailure ? (error.reason ?? null) : null);
          throw sessionEnded();
        }
        throw error;
      }
    })().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private setConnection(state: Connection): void {
    if (state === 'online') this.officeAnswered?.();
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
    let body: string | Uint8Array | undefined;
    if (request.file) {
      headers['content-type'] = request.file.type;
      body = request.file.bytes;
    } else if (request.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.body);
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method: route.method,
        headers,
        body,
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
    const error = (
      body as {
        error?: { code?: unknown; message?: unknown; field?: unknown; reason?: unknown; conflicts?: unknown };
      } | null
    )?.error;
    if (typeof error?.code === 'string' && typeof error.message === 'string') {
      throw new IpcFailure(
        error.code as IpcFailure['code'],
        error.message,
        typeof error.field === 'string' ? error.field : undefined,
        Value.Check(SessionEndReason, error.reason) ? error.reason : undefined,
        Value.Check(CONFLICTS, error.conflicts) ? error.conflicts : undefined,
      );
    }
    throw new IpcFailure('internal_error', `The office answered ${response.status} without an explanation`);
  }
}
