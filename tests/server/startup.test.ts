// Starting the server on a port that another program holds: it stops at once and says which
// flag chooses another port, without a stack trace.
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from '../support/office';

/** Runs `npm run server` as its own process until it exits: its exit code and what it printed. */
async function runServer(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}

describe('starting the server on a port in use', () => {
  let dataDir: string;
  /** Every port free to pick (0), so only the port under test is taken. */
  let args: (ports: Record<string, number>) => string[];

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-startup-'));
    args = (ports) => {
      const chosen = { 'http-port': 0, 'sip-udp-port': 0, 'sip-tcp-port': 0, 'sip-ws-port': 0, ...ports };
      return [
        '--data-dir',
        dataDir,
        '--admin-email',
        ADMIN_EMAIL,
        '--admin-password',
        ADMIN_PASSWORD,
        ...Object.entries(chosen).flatMap(([flag, port]) => [`--${flag}`, String(port)]),
      ];
    };
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('names --http-port when the HTTP port is taken', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as net.AddressInfo;
    try {
      const { code, stderr } = await runServer(args({ 'http-port': port }));
      expect(code).toBe(1);
      expect(stderr.trim()).toBe(
        `Switchboard server failed to start: port ${port} is in use: choose another with --http-port`,
      );
    } finally {
      holder.close();
    }
  });

  it('names --sip-udp-port when the SIP UDP port is taken', async () => {
    const holder = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => holder.bind(0, '127.0.0.1', resolve));
    const { port } = holder.address();
    try {
      const { code, stderr } = await runServer(args({ 'sip-udp-port': port }));
      expect(code).toBe(1);
      expect(stderr).toContain(`port ${port} is in use: choose another with --sip-udp-port`);
      expect(stderr).not.toMatch(/\n\s+at /);
    } finally {
      holder.close();
    }
  });

  it('names both flags when the SIP TCP and WebSocket ports ask for the same busy port', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as net.AddressInfo;
    try {
      const { code, stderr } = await runServer(args({ 'sip-tcp-port': port, 'sip-ws-port': port }));
      expect(code).toBe(1);
      expect(stderr).toContain(`port ${port} is in use: choose another with --sip-tcp-port or --sip-ws-port`);
    } finally {
      holder.close();
    }
  });
});
