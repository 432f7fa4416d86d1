// A real office server for a test: its own data folder, a real database (a SQLite file or a
// fresh PostgreSQL database), a real SMTP receiver, and Fastify listening on loopback.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { CreatedDevice } from '../../common/api/devices';
import { buildApp } from '../../server/app';
import { openOffice } from '../../server/office';
import type { Office } from '../../server/office-services';
import { silentLogger } from '../../server/logger';
import type { ServerConfig } from '../../server/config';
import { SmtpReceiver } from './smtp';

export type DatabaseChoice = 'sqlite' | 'postgres';
export const DATABASES: DatabaseChoice[] = ['sqlite', 'postgres'];

export const ADMIN_EMAIL = 'boss@example.com';
export const ADMIN_PASSWORD = 'Admin-password-1';

/** A fresh, empty PostgreSQL database on the run's server. */
export async function freshPostgresDatabase(): Promise<{
  name: string;
  url: string;
  drop: () => Promise<void>;
}> {
  const adminUrl = inject('postgresUrl');
  const name = `sb_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  return {
    name,
    url: adminUrl.replace(/\/postgres$/, `/${name}`),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** What an open office is made of. */
interface OpenOffice {
  office: Office;
  app: FastifyInstance;
  baseUrl: string;
  smtp: SmtpReceiver;
  close: () => Promise<void>;
}

/**
 * A test person's email from their name: "Lucía García-Pérez" → lucia.garcia.perez@example.com
 * (accents folded; a name with no Latin letters, such as 李小龙, gets its letters' code points).
 */
export function emailFor(name: string): string {
  const local = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
  const fallback = [...name].map((c) => c.codePointAt(0)!.toString(16)).join('-');
  return `${local || fallback}@example.com`;
}

export class TestOffice {
  /** Milliseconds added to the real time: tests move the clock forward with `advance`. */
  private offset = 0;
  private opened: OpenOffice | null = null;

  /**
   * An office not open yet: `open` starts it (`TestOffice.start` and `useTestOffice` do). With
   * `overrides.dataDir` the folder is the caller's and outlives the office, and with
   * `overrides.httpPort` the API listens there: a test can stop an office and start it again.
   */
  constructor(
    private readonly database: DatabaseChoice,
    private readonly overrides: Partial<ServerConfig> = {},
  ) {}

  static async start(database: DatabaseChoice, overrides: Partial<ServerConfig> = {}): Promise<TestOffice> {
    const test = new TestOffice(database, overrides);
    await test.open();
    return test;
  }

  get office(): Office {
    return this.current().office;
  }

  get app(): FastifyInstance {
    return this.current().app;
  }

  get baseUrl(): string {
    return this.current().baseUrl;
  }

  get smtp(): SmtpReceiver {
    return this.current().smtp;
  }

  private current(): OpenOffice {
    if (!this.opened) throw new Error('the test office is not open: use it in a test or a hook');
    return this.opened;
  }

  async open(): Promise<void> {
    if (this.opened) throw new Error('the test office is open already');
    const overrides = this.overrides;
    const ownDataDir = overrides.dataDir === undefined;
    const dataDir = overrides.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'switchboard-test-')));
    const smtp = new SmtpReceiver();
    const smtpUrl = await smtp.start();
    const pgDb = this.database === 'postgres' ? await freshPostgresDatabase() : null;
    const config: ServerConfig = {
      dataDir,
      httpHost: '127.0.0.1',
      httpPort: 0,
      databaseUrl: pgDb?.url ?? null,
      smtpUrl,
      mailFrom: 'Switchboard <no-reply@example.com>',
      portalUrl: 'http://portal.example.com',
      appDownloadUrl: null,
      sipDomain: 'office.example.com',
      sipHost: '127.0.0.1',
      sipHosts: {},
      publicAddress: '127.0.0.1',
      iceServers: [],
      turn: null,
      sipWsPort: 5066,
      sipUdpPort: 0,
      sipTcpPort: 0,
      sipAllowedOrigins: ['http://portal.example.com'],
      adminEmail: ADMIN_EMAIL,
      adminPassword: ADMIN_PASSWORD,
      ...overrides,
    };
    const office = await openOffice(config, {
      logger: silentLogger,
      clock: () => Date.now() + this.offset,
    });
    const app = await buildApp(office);
    await app.listen({ host: '127.0.0.1', port: config.httpPort });
    const port = (app.server.address() as AddressInfo).port;
    this.opened = {
      office,
      app,
      baseUrl: `http://127.0.0.1:${port}`,
      smtp,
      close: async () => {
        await app.close();
        await office.close();
        await smtp.close();
        await pgDb?.drop();
        if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
      },
    };
  }

  advance(ms: number): void {
    this.offset += ms;
  }

  async request<T = any>(
    method: string,
    url: string,
    options: { token?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.rawBody !== undefined) body = options.rawBody;
    else if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${this.baseUrl}/api/v1${url}`, { method, headers, body });
    const type = response.headers.get('content-type') ?? '';
    // An event stream never ends: its status and headers are the answer here.
    if (type.startsWith('text/event-stream')) {
      await response.body?.cancel();
      return { status: response.status, body: null as T, headers: response.headers };
    }
    const parsed = type.includes('json') ? await response.json() : Buffer.from(await response.arrayBuffer());
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  async login(login: string, password: string, scope: 'user' | 'admin' = 'user') {
    return this.request('POST', '/auth/login', { body: { login, password, scope } });
  }

  /** The bootstrap super admin's access token. */
  async adminToken(): Promise<string> {
    const response = await this.login(ADMIN_EMAIL, ADMIN_PASSWORD, 'admin');
    if (response.status !== 200) throw new Error(`admin sign-in failed: ${JSON.stringify(response.body)}`);
    return response.body.accessToken as string;
  }

  /**
   * Creates a user through the API, reads the temporary password from the welcome mail that
   * arrived over SMTP, and sets a permanent one. Returns what a test needs to act as them.
   */
  async createSignedInUser(adminToken: string, name: string, extra: Record<string, unknown> = {}) {
    return this.createAndSignIn(adminToken, name, extra, async (email) => {
      const mail = await this.smtp.next(email, (m) => m.subject.includes('Welcome'));
      return mail.text;
    });
  }

  /** A desk phone for `extension`, as an admin adds one: its SIP password is in the answer, once. */
  async addDeskPhone(
    adminToken: string,
    extension: string,
    model = 'Test desk phone',
  ): Promise<CreatedDevice> {
    const created = await this.request('POST', '/admin/devices', {
      token: adminToken,
      body: { kind: 'desk-phone', model, extension },
    });
    if (created.status !== 201) throw new Error(`desk phone not added: ${JSON.stringify(created.body)}`);
    return created.body as CreatedDevice;
  }

  /**
   * The same, for an office without SMTP: the welcome mail is read from the admin's outbox,
   * where an admin who may manage the new user sees its temporary password.
   */
  async createSignedInUserFromOutbox(adminToken: string, name: string, extra: Record<string, unknown> = {}) {
    return this.createAndSignIn(adminToken, name, extra, async (email) => {
      const outbox = await this.request('GET', '/admin/outbox', { token: adminToken });
      return (outbox.body.items as { to: string; body: string }[]).find((m) => m.to === email)?.body ?? '';
    });
  }

  /**
   * Creates a user through the API and nothing more: for a test whose person only needs an
   * extension (a caller, a ring group's member), not to act as them. Signing in costs four
   * password hashes (see `createSignedInUser`), a second or more on a loaded machine.
   */
  async createUser(adminToken: string, name: string, extra: Record<string, unknown> = {}) {
    // An email of the test's own (`extra.email`), else one made from the name; when a retried
    // test makes its people again, the name's email is taken by the first try's, so the next
    // free `name+N@` is used.
    const given = typeof extra.email === 'string' ? extra.email : null;
    for (let attempt = 1; ; attempt++) {
      const email = given ?? (attempt === 1 ? emailFor(name) : emailFor(name).replace('@', `+${attempt}@`));
      const created = await this.request('POST', '/admin/users', {
        token: adminToken,
        body: { name, email, ...extra },
      });
      if (created.status === 201)
        return { id: created.body.id as string, email, extension: created.body.extension as string };
      if (given !== null || created.body?.error?.code !== 'email_taken' || attempt >= 5)
        throw new Error(`create user failed: ${JSON.stringify(created.body)}`);
    }
  }

  private async createAndSignIn(
    adminToken: string,
    name: string,
    extra: Record<string, unknown>,
    welcomeText: (email: string) => Promise<string>,
  ) {
    const created = await this.createUser(adminToken, name, extra);
    const email = created.email;
    const text = await welcomeText(email);
    const temporary = /Temporary password: (\S+)/.exec(text)?.[1];
    if (!temporary) throw new Error(`no temporary password in ${text}`);
    const first = await this.login(email, temporary);
    // The same for everyone: it holds no part of any test user's name, email or extension.
    const password = 'Lantern-quartz-97';
    const changed = await this.request('POST', '/me/password', {
      token: first.body.accessToken,
      body: { currentPassword: temporary, newPassword: password },
    });
    if (changed.status !== 204) throw new Error(`password change failed: ${JSON.stringify(changed.body)}`);
    const signedIn = await this.login(email, password);
    return {
      id: created.id,
      email,
      password,
      extension: created.extension,
      token: signedIn.body.accessToken as string,
      refreshToken: signedIn.body.refreshToken as string,
    };
  }

  /** Closes the office; nothing to do if it never opened (its `beforeAll` failed). */
  async close(): Promise<void> {
    const opened = this.opened;
    this.opened = null;
    await opened?.close();
  }
}

/**
 * One office for the tests of the enclosing `describe` (or file): it opens before the first and
 * closes after the last, so it is there in every test and in any hook declared after this call.
 */
export function useTestOffice(database: DatabaseChoice, overrides: Partial<ServerConfig> = {}): TestOffice {
  const test = new TestOffice(database, overrides);
  beforeAll(() => test.open());
  afterAll(() => test.close());
  return test;
}
