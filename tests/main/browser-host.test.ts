// The browser host as people start it (`npm run web`), as its own process, driven over real
// HTTP and a real WebSocket the way a page would, and the way a hostile page or process would.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HTTP_CONNECTION_LIMITS } from '../../server/http-connections';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/office';
import { idleConnection } from '../support/idle-connection';

/** Idle connections at the host's port: more than it may hold. */
const FLOOD = DEFAULT_HTTP_CONNECTION_LIMITS.maxConnections + 1000;

interface Host {
  process: ChildProcess;
  url: URL;
  token: string;
  stdout: string[];
}

async function startHost(dataDir: string): Promise<Host> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'main/web/cli.ts', '--data-dir', dataDir, '--port', '0'].concat([
      '--admin-email',
      ADMIN_EMAIL,
      '--admin-password',
      ADMIN_PASSWORD,
    ]),
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      // An empty renderer folder: this suite checks the page shown before the renderer is built.
      env: { ...process.env, LOG_LEVEL: 'warn', SWITCHBOARD_RENDERER_DIR: path.join(dataDir, 'no-renderer') },
    },
  );
  const stdout: string[] = [];
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the host exited with ${code}`)));
    lines.on('line', (line) => {
      stdout.push(line);
      if (stdout.length === 1) resolve(line);
    });
  });
  const match = /^Switchboard is running at (http:\/\/127\.0\.0\.1:\d+\/#token=([A-Za-z0-9_-]{43}))$/.exec(
    first,
  );
  if (!match) throw new Error(`unexpected first line: ${first}`);
  return { process: child, url: new URL(match[1]!), token: match[2]!, stdout };
}

/** Opens the IPC socket; resolves with the socket, or with the HTTP refusal it got instead. */
function connect(host: Host, options: { token?: string | null; origin?: string } = {}) {
  const token = options.token === undefined ? host.token : options.token;
  const address = `ws://${host.url.host}/ipc${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
  const socket = new WebSocket(address, { origin: options.origin ?? host.url.origin });
  return new Promise<{ socket?: WebSocket; status?: number; body?: any }>((resolve, reject) => {
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_request, response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode, body: JSON.parse(text) }));
    });
    socket.once('error', reject);
  });
}

/** A page's side of the contract: numbered requests, answers matched by id, events collected. */
class Page {
  private next = 0;
  private readonly waiting = new Map<string, (result: any) => void>();
  readonly events: { event: string; payload: any }[] = [];
  private readonly orphans: any[] = [];

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse(data.toString());
      if ('event' in frame) return this.events.push(frame);
      const resolve = this.waiting.get(frame.id);
      if (!resolve) return this.orphans.push(frame);
      this.waiting.delete(frame.id);
      resolve(frame.result);
    });
  }

  invoke(channel: string, payload: unknown): Promise<any> {
    return this.raw(JSON.stringify({ id: `r${++this.next}`, channel, payload }), `r${this.next}`);
  }

  raw(text: string | Buffer, id: string | null = null): Promise<any> {
    return new Promise((resolve) => {
      if (id === null) {
        this.socket.once('message', (data) => resolve(JSON.parse(data.toString())));
      } else this.waiting.set(id, resolve);
      this.socket.send(text);
    });
  }
}

describe('browser host (npm run web)', () => {
  let dataDir: string;
  let host: Host;
  let page: Page;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-web-'));
    host = await startHost(dataDir);
    const { socket } = await connect(host);
    page = new Page(socket!);
  });
  afterAll(async () => {
    if (host?.process.exitCode === null) {
      host.process.kill('SIGTERM');
      await once(host.process, 'exit');
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves a clear page while the renderer is not built, under a strict CSP', async () => {
    const response = await fetch(host.url);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('renderer is not built');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp.startsWith("default-src 'none'")).toBe(true);
    expect(csp).toContain(`connect-src 'self' ws://${host.url.host}/ipc`);
    expect(csp).toContain("frame-ancestors 'none'");
    const escape = await fetch(new URL('/..%2f..%2fpackage.json', host.url));
    expect(escape.status).not.toBe(200);
  });

  it('refuses the IPC socket without the token, with a wrong one, and from another origin', async () => {
    expect(await connect(host, { token: null })).toMatchObject({
      status: 401,
      body: { error: { code: 'unauthenticated' } },
    });
    expect(await connect(host, { token: 'x'.repeat(43) })).toMatchObject({
      status: 401,
      body: { error: { code: 'unauthenticated' } },
    });
    expect(await connect(host, { token: `${host.token}x` })).toMatchObject({ status: 401 });
    expect(await connect(host, { origin: 'http://evil.example.com' })).toMatchObject({
      status: 403,
      body: { error: { code: 'forbidden_sender' } },
    });
    expect(await connect(host, { origin: `http://localhost:${host.url.port}` })).toMatchObject({
      status: 403,
    });
  });

  it('answers the contract: app info, the embedded office, sign-in and an admin route', async () => {
    expect(await page.invoke('app:info', {})).toEqual({
      ok: true,
      value: expect.objectContaining({
        host: 'browser',
        office: expect.objectContaining({ mode: 'embedded' }),
      }),
    });
    // --admin-password was given: no generated password to show.
    expect(await page.invoke('app:first-run-admin', {})).toEqual({ ok: true, value: null });
    const signedIn = await page.invoke('auth:sign-in', {
      login: ADMIN_EMAIL,
      password: ADMIN_PASSWORD,
      scope: 'admin',
    });
    expect(signedIn).toMatchObject({ ok: true, value: { scope: 'admin', user: { email: ADMIN_EMAIL } } });
    expect(page.events).toContainEqual({ event: 'auth:session-changed', payload: signedIn.value });
    const users = await page.invoke('admin:list-users', { query: { limit: 10 } });
    expect(users.value.items.map((u: any) => u.email)).toEqual([ADMIN_EMAIL]);
    const refused = await page.invoke('admin:create-user', { body: { name: 'Bad', email: 'not-an-email' } });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', field: 'request.body.email' },
    });
  });

  it('registers the softphone of a user who signs in, once their password is their own', async () => {
    const created = await page.invoke('admin:create-user', {
      body: { name: 'Lena Web', email: 'lena@example.com' },
    });
    expect(created).toMatchObject({ ok: true, value: { extension: expect.stringMatching(/^\d+$/) } });
    const outbox = await page.invoke('admin:outbox', {});
    const welcome = outbox.value.items.find((mail: any) => mail.to === 'lena@example.com');
    const temporary = /Temporary password: (\S+)/.exec(welcome.body)![1]!;

    const lena = new Page((await connect(host)).socket!);
    expect(
      await lena.invoke('auth:sign-in', { login: 'lena@example.com', password: temporary, scope: 'user' }),
    ).toMatchObject({
      ok: true,
      value: { mustChangePassword: true },
    });
    expect(await lena.invoke('registration:state', {})).toMatchObject({
      ok: true,
      value: { state: 'unregistered' },
    });
    const changed = await lena.invoke('auth:change-password', {
      body: { currentPassword: temporary, newPassword: 'Quartz-Meadow-Tide-42' },
    });
    expect(changed).toEqual({ ok: true, value: null });
    await expect
      .poll(() =>
        lena.events.filter((e) => e.event === 'registration:state-changed').map((e) => e.payload.state),
      )
      .toContain('registered');
    expect(await lena.invoke('registration:state', {})).toMatchObject({
      ok: true,
      value: { state: 'registered' },
    });
    lena.socket.close();
    // Sign back in as the administrator for the tests that follow.
    await page.invoke('auth:sign-in', { login: ADMIN_EMAIL, password: ADMIN_PASSWORD, scope: 'admin' });
  });

  it('keeps settings in the data folder and tells every page when they change', async () => {
    const other = new Page((await connect(host)).socket!);
    const updated = await page.invoke('settings:update', { theme: 'dark' });
    expect(updated).toMatchObject({ ok: true, value: { theme: 'dark', lastLogin: ADMIN_EMAIL } });
    await expect.poll(() => other.events.map((e) => e.event)).toContain('settings:changed');
    const file = JSON.parse(await readFile(path.join(dataDir, 'config.json'), 'utf8'));
    expect(file).toMatchObject({ theme: 'dark' });
    expect(JSON.stringify(file)).not.toMatch(/password|token/i);
    other.socket.close();
  });

  it('refuses unknown channels, wrong types, oversize strings and malformed frames, and keeps serving', async () => {
    expect(await page.invoke('calls:explode', {})).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
    expect(await page.invoke('settings:update', { theme: 5 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', field: 'request.theme' },
    });
    expect(await page.invoke('settings:update', { colour: 'red' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', field: 'request.colour' },
    });
    expect(await page.invoke('settings:update', {})).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(await page.invoke('settings:update', null)).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    expect(
      await page.invoke('auth:sign-in', { login: 'a'.repeat(100_000), password: 'x', scope: 'user' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', field: 'request.login' },
    });
    expect(await page.invoke('calls:dial', { target: '1'.repeat(500) })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
    // A well-formed call while no page does the calls' audio (this client never announced
    // itself as the media provider): refused with the reason.
    expect(await page.invoke('calls:dial', { target: '101' })).toMatchObject({
      ok: false,
      error: { code: 'no_media' },
    });
    expect(await page.raw('{not json')).toMatchObject({
      id: null,
      result: { ok: false, error: { code: 'invalid_json' } },
    });
    expect(await page.raw('[1,2]')).toMatchObject({ result: { error: { code: 'invalid_request' } } });
    expect(
      await page.raw(JSON.stringify({ id: 'x'.repeat(65), channel: 'app:info', payload: {} })),
    ).toMatchObject({
      result: { error: { code: 'invalid_request', field: 'id' } },
    });
    expect(await page.raw(Buffer.from([1, 2, 3]))).toMatchObject({
      result: { error: { code: 'invalid_request' } },
    });
    expect(await page.invoke('app:info', {})).toMatchObject({ ok: true });
  });

  it('closes a socket that sends a frame over 1 MiB, and serves the next one', async () => {
    const { socket } = await connect(host);
    const closed = once(socket!, 'close');
    socket!.send(
      JSON.stringify({ id: 'big', channel: 'app:info', payload: { x: 'y'.repeat(2 * 1024 * 1024) } }),
    );
    const [code] = await closed;
    expect(code).toBe(1009);
    const fresh = new Page((await connect(host)).socket!);
    expect(await fresh.invoke('app:info', {})).toMatchObject({ ok: true });
    fresh.socket.close();
  });

  it('keeps the page and the IPC socket answering through a flood of idle connections, within its cap', async () => {
    const descriptors = () => readdir(`/proc/${host.process.pid}/fd`).then((fds) => fds.length);
    const before = await descriptors();
    const flood: net.Socket[] = [];
    try {
      for (let i = 0; i < FLOOD; i += 500)
        flood.push(
          ...(await Promise.all(Array.from({ length: 500 }, () => idleConnection(Number(host.url.port))))),
        );
      expect((await descriptors()) - before).toBeLessThanOrEqual(
        DEFAULT_HTTP_CONNECTION_LIMITS.maxConnections,
      );
      expect((await fetch(host.url)).status).toBe(503); // the page (the renderer is not built here)
      expect(await page.invoke('app:info', {})).toMatchObject({ ok: true });
      const newcomer = new Page((await connect(host)).socket!);
      expect(await newcomer.invoke('app:info', {})).toMatchObject({ ok: true });
      newcomer.socket.close();
    } finally {
      for (const socket of flood) socket.destroy();
    }
  }, 60_000);

  it('printed nothing on stdout but its one line', () => {
    expect(host.stdout).toHaveLength(1);
    expect(host.process.exitCode).toBeNull();
  });
});
