// The one function that starts the whole office in-process (the desktop app's embedded office).
import net from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseServerArgs, startOffice, type RunningOffice } from '../../server/embedded';
import pino from 'pino';

const logger = pino({ level: 'silent' });

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/** An office in `dataDir` on free loopback ports. */
const officeConfig = (dataDir: string) =>
  parseServerArgs([
    ...['--data-dir', dataDir, '--http-port', '0'],
    ...['--sip-ws-port', '0', '--sip-udp-port', '0', '--sip-tcp-port', '0'],
  ]);

describe('startOffice', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-embedded-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  const config = () => officeConfig(dataDir);

  it('starts HTTP, SIP and mail on free loopback ports and reports the first admin’s password once', async () => {
    const written: string[] = [];
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => (written.push(String(chunk)), true)) as typeof write;
    let office: RunningOffice;
    try {
      office = await startOffice(config(), { logger });
    } finally {
      process.stdout.write = write;
    }
    expect(written.join('')).not.toContain('temporary password');
    expect(office.ports.http).toBeGreaterThan(0);
    expect(office.url).toBe(`http://127.0.0.1:${office.ports.http}`);
    expect(office.ports.sip.ws).toBeGreaterThan(0);
    const firstAdmin = await office.firstRunAdmin();
    expect(firstAdmin).toMatchObject({ email: 'admin@switchboard.local' });

    const login = await fetch(`${office.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        login: firstAdmin!.email,
        password: firstAdmin!.temporaryPassword,
        scope: 'admin',
      }),
    });
    expect(login.status).toBe(200);
    expect(((await login.json()) as any).mustChangePassword).toBe(true);
    expect(await canConnect(office.ports.sip.ws)).toBe(true);
    expect(await canConnect(office.ports.sip.tcp)).toBe(true);

    await office.stop();
    expect(await canConnect(office.ports.http)).toBe(false);
    expect(await canConnect(office.ports.sip.ws)).toBe(false);
  });

  it('has no first-run password on the next start of the same data folder', async () => {
    const office = await startOffice(config(), { logger });
    try {
      expect(await office.firstRunAdmin()).toBeNull();
      const health = await fetch(`${office.url}/api/v1/health`);
      expect(health.status).toBe(200);
    } finally {
      await office.stop();
    }
  });

  it('releases what it opened when a port is taken, with the reason', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const taken = (blocker.address() as net.AddressInfo).port;
    try {
      await expect(startOffice({ ...config(), httpPort: taken }, { logger })).rejects.toThrow(
        /port \d+ is in use: choose another with --http-port/,
      );
      // The database was closed: the same folder starts again at once.
      const office = await startOffice(config(), { logger });
      await office.stop();
    } finally {
      blocker.close();
    }
  });
});

describe('the first run of an embedded office', () => {
  let dataDir: string;
  let office: RunningOffice;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-first-run-'));
    office = await startOffice(officeConfig(dataDir), { logger });
  });
  afterAll(async () => {
    await office?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  const post = async (route: string, body: unknown, token?: string) => {
    const response = await fetch(`${office.url}/api/v1${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json().catch(() => null)) as any };
  };

  it('takes the company’s settings while the one-time password holds, and forgets both once it is changed', async () => {
    const admin = (await office.firstRunAdmin())!;
    const company = {
      name: 'Ópticas Brontë-Ødegaard',
      country: 'ES',
      timeZone: 'Europe/Madrid',
      language: 'es',
    } as const;
    expect(await office.setUpCompany(company)).toBe(true);

    // Signing in with it, even as administrator, is not yet choosing one's own: it still holds.
    const signedIn = await post('/auth/login', {
      login: admin.email,
      password: admin.temporaryPassword,
      scope: 'admin',
    });
    expect(signedIn.body.mustChangePassword).toBe(true);
    expect(await office.firstRunAdmin()).toEqual(admin);
    const read = await fetch(`${office.url}/api/v1/admin/company`, {
      headers: { authorization: `Bearer ${signedIn.body.accessToken}` },
    });
    expect(read.status).toBe(403);

    const changed = await post(
      '/me/password',
      { currentPassword: admin.temporaryPassword, newPassword: 'Granite-Orchard-Lamp-31' },
      signedIn.body.accessToken,
    );
    expect(changed.status).toBe(204);
    expect(await office.firstRunAdmin()).toBeNull();
    expect(await office.setUpCompany({ ...company, name: 'Someone Else’s Office' })).toBe(false);

    const again = await post('/auth/login', {
      login: admin.email,
      password: 'Granite-Orchard-Lamp-31',
      scope: 'admin',
    });
    const settings = await fetch(`${office.url}/api/v1/admin/company`, {
      headers: { authorization: `Bearer ${again.body.accessToken}` },
    });
    expect(await settings.json()).toMatchObject(company);
  });
});
