import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, DATABASES, TestOffice } from '../support/office';
import { freeSipPort, freeTcpPort } from '../../server/free-port';
import { attemptTakeover } from './takeover';

function run(
  command: string,
  args: string[],
): { exited: Promise<{ code: number | null; output: string }>; kill: () => void } {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; output: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, output })),
  );
  return { exited, kill: () => child.kill('SIGTERM') };
}

async function waitForHealth(baseUrl: string, server: { exited: Promise<unknown> }): Promise<void> {
  let down = false;
  void server.exited.then(() => (down = true));
  for (let attempt = 0; attempt < 200 && !down; attempt++) {
    try {
      if ((await fetch(`${baseUrl}/api/v1/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the office did not start');
}

describe.each(DATABASES)('a plain admin trying to take over the super admin (%s)', (database) => {
  it.each([
    ['with SMTP', {}],
    ['without SMTP (the outbox is the only mail)', { smtpUrl: null }],
  ])('gets nowhere %s', async (_mode, overrides) => {
    const office = await TestOffice.start(database, overrides);
    try {
      const outcomes = await attemptTakeover(office.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
      expect(outcomes.filter((o) => o.succeeded)).toEqual([]);
      expect(outcomes.length).toBeGreaterThanOrEqual(6);
      // The owner still signs in with their own password.
      expect((await office.login(ADMIN_EMAIL, ADMIN_PASSWORD, 'admin')).status).toBe(200);
    } finally {
      await office.close();
    }
  });
});

describe('the takeover script against a fresh office started with npm run server', () => {
  it('reports every attack held and exits 0', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-attack-'));
    const [httpPort, sipPort, wsPort] = [await freeTcpPort(), await freeSipPort(), await freeTcpPort()];
    const tsx = path.resolve('node_modules/.bin/tsx');
    const server = run(tsx, [
      'server/main.ts',
      ...['--data-dir', dataDir, '--http-port', String(httpPort)],
      ...[
        '--sip-udp-port',
        String(sipPort),
        '--sip-tcp-port',
        String(sipPort),
        '--sip-ws-port',
        String(wsPort),
      ],
      ...['--admin-email', 'owner@example.com', '--admin-password', 'Harbour-Signal-Kettle-58'],
    ]);
    try {
      const baseUrl = `http://127.0.0.1:${httpPort}`;
      await waitForHealth(baseUrl, server);
      const script = run(tsx, [
        'tests/attacks/takeover.ts',
        ...['--url', baseUrl, '--email', 'owner@example.com', '--password', 'Harbour-Signal-Kettle-58'],
      ]);
      const { code, output } = await script.exited;
      expect(output).not.toMatch(/^TAKEN/m);
      expect(output.match(/^held/gm)?.length).toBeGreaterThanOrEqual(6);
      expect(code).toBe(0);
    } finally {
      server.kill();
      await server.exited;
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
