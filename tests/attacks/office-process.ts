// A real office for attack tests: `server/main.ts` as its own process, as `npm run server`
// starts it, on free loopback ports and a fresh data folder, so an attack that stalls or starves
// the server is seen from outside, as an attacker sees it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { freeSipPort, freeTcpPort } from '../../server/free-port';

export const OWNER = { email: 'owner@example.com', password: 'Harbour-Signal-Kettle-58' };
/** What the office's SIP service calls itself; callers address extensions at it. */
export const SIP_DOMAIN = 'office.example.com';
/** TypeScript run by Node itself (no tsx wrapper process): the pid is the office's own. */
export const TSX = [process.execPath, '--import', 'tsx'];

export interface Spawned {
  child: ChildProcess;
  exited: Promise<{ code: number | null; output: string }>;
  /** What it printed so far, stdout and stderr together. */
  output(): string;
  kill(signal?: NodeJS.Signals): void;
}

/**
 * A TypeScript file run with Node; its stdout and stderr gathered, to show when it fails.
 * `umask` (octal, e.g. '022') runs it under that file-creation mask.
 */
export function runTs(file: string, args: string[], options: { umask?: string } = {}): Spawned {
  const command = [...TSX, file, ...args];
  const spawnOptions = {
    stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'warn' },
  };
  const child = options.umask
    ? // Node cannot set a child's umask: a shell sets it and then becomes the command (same pid).
      spawn('sh', ['-c', `umask ${options.umask} && exec "$0" "$@"`, ...command], spawnOptions)
    : spawn(command[0]!, command.slice(1), spawnOptions);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; output: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, output })),
  );
  return { child, exited, output: () => output, kill: (signal = 'SIGTERM') => child.kill(signal) };
}

export interface OfficeProcess {
  baseUrl: string;
  /** The office's data folder (made by the office itself, as the embedded office makes its own). */
  dataDir: string;
  ports: { http: number; sip: number; ws: number };
  /** The office's own process (Node itself, no wrapper): its pid, output and exit. */
  process: Spawned;
  /**
   * Sends `signal` to the office's process: SIGKILL ends it as a crash would (and waits for
   * that), SIGSTOP freezes it (its sockets stay open, nothing answers) until SIGCONT.
   */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Stops the office and removes its data folder. */
  stop(): Promise<void>;
}

async function waitForHealth(baseUrl: string, server: Spawned): Promise<void> {
  let down = false;
  void server.exited.then(() => (down = true));
  for (let attempt = 0; attempt < 300 && !down; attempt++) {
    try {
      if ((await fetch(`${baseUrl}/api/v1/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  server.kill();
  throw new Error(`the office did not start:\n${(await server.exited).output}`);
}

/**
 * The office with the super admin `OWNER`; SIP on one port for UDP and TCP, and its WebSocket port;
 * on SQLite in its data folder, or on the PostgreSQL database at `databaseUrl`.
 */
export async function startOfficeProcess(
  options: { umask?: string; databaseUrl?: string } = {},
): Promise<OfficeProcess> {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'switchboard-attack-'));
  const dataDir = path.join(parent, 'office');
  const ports = { http: await freeTcpPort(), sip: await freeSipPort(), ws: await freeTcpPort() };
  const server = runTs(
    'server/main.ts',
    [
      ...['--data-dir', dataDir, '--http-port', String(ports.http), '--sip-domain', SIP_DOMAIN],
      ...['--sip-udp-port', String(ports.sip), '--sip-tcp-port', String(ports.sip)],
      ...['--sip-ws-port', String(ports.ws)],
      ...['--admin-email', OWNER.email, '--admin-password', OWNER.password],
      ...(options.databaseUrl ? ['--database-url', options.databaseUrl] : []),
    ],
    options,
  );
  const baseUrl = `http://127.0.0.1:${ports.http}`;
  try {
    await waitForHealth(baseUrl, server);
  } catch (error) {
    await rm(parent, { recursive: true, force: true });
    throw error;
  }
  return {
    baseUrl,
    dataDir,
    ports,
    process: server,
    kill: async (signal) => {
      server.kill(signal);
      if (signal === 'SIGKILL') await server.exited;
    },
    stop: async () => {
      server.kill();
      await server.exited;
      await rm(parent, { recursive: true, force: true });
    },
  };
}

/** One office process for a suite: started before its tests, stopped after them. */
export function officeForSuite(): () => OfficeProcess {
  let office: OfficeProcess | undefined;
  beforeAll(async () => {
    office = await startOfficeProcess();
  }, 30_000);
  afterAll(() => office?.stop());
  return () => office!;
}

/**
 * Runs an attack script (`tests/attacks/<script>`) with the owner's credentials against a fresh
 * office process, and stops the office after: what the script printed and its exit code.
 */
export async function runAgainstFreshOffice(
  script: string,
): Promise<{ code: number | null; output: string }> {
  const office = await startOfficeProcess();
  try {
    return await runTs(`tests/attacks/${script}`, [
      ...['--url', office.baseUrl, '--email', OWNER.email, '--password', OWNER.password],
    ]).exited;
  } finally {
    await office.stop();
  }
}
