// The browser host as people start it (`npm run web`), as its own process, driven over real
// HTTP and a real WebSocket the way a page would, and the way a hostile page or process would.
import { once } from 'node:events';
import { readdir, readFile } from 'node:fs/promises';
import type net from 'node:net';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HTTP_CONNECTION_LIMITS } from '../../server/http-connections';
import { withBrowserHost, type Host } from '../support/browser-host';
import { connect, Page } from '../support/ipc-page';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/office';
import { idleConnection } from '../support/idle-connection';

/** Idle connections at the host's port: more than it may hold. */
const FLOOD = DEFAULT_HTTP_CONNECTION_LIMITS.maxConnections + 1000;

describe('browser host (npm run web)', () => {
  const started = withBrowserHost();
  let host: Host;
  let page: Page;

  beforeAll(async () => {
    host = started.host;
    const { socket } = await connect(host);
    page = new Page(socket!);
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
    const { staySignedIn, ...session } = signedIn.value;
    expect(staySignedIn).toBe('not-asked');
    expect(page.events).toContainEqual({ event: 'auth:session-changed', payload: session });
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
    // Sign back in as the administrator for the tests that follow, whose softphone starts just
    // after the sign-in answers (until then its channels answer not_signed_in).
    await page.invoke('auth:sign-in', { login: ADMIN_EMAIL, password: ADMIN_PASSWORD, scope: 'admin' });
    await expect.poll(async () => (await page.invoke('registration:retry', {})).ok).toBe(true);
  });

  it('keeps settings in the data folder and tells every page when they change', async () => {
    const other = new Page((await connect(host)).socket!);
    const updated = await page.invoke('settings:update', { theme: 'dark' });
    expect(updated).toMatchObject({ ok: true, value: { theme: 'dark', lastLogin: ADMIN_EMAIL } });
    await expect.poll(() => other.events.map((e) => e.event)).toContain('settings:changed');
    const file = JSON.parse(await readFile(path.join(started.dataDir, 'config.json'), 'utf8'));
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
