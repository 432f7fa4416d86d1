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

describe('startOffice', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-embedded-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  const config = () =>
    parseServerArgs([
      '--data-dir',
      dataDir,
      '--http-port',
      '0',
      '--sip-ws-port',
      '0',
      '--sip-udp-port',
      '0',
      '--sip-tcp-port',
      '0',
    ]);

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
    expect(office.firstAdmin).toMatchObject({ email: 'admin@switchboard.local' });

    const login = await fetch(`${office.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        login: office.firstAdmin!.email,
        password: office.firstAdmin!.temporaryPassword,
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
      expect(office.firstAdmin).toBeNull();
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
