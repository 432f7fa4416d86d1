// A real office started as its own process (`server/main.ts`, as `npm run server` does), for
// the attack scripts to run against: fresh data folder, free ports, output kept for the report.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freeSipPort, freeTcpPort } from '../../server/free-port';

export const TSX = path.resolve('node_modules/.bin/tsx');

export interface RunningProcess {
  exited: Promise<{ code: number | null; output: string }>;
  /** What it printed so far, stdout and stderr together. */
  output: () => string;
  kill: (signal?: NodeJS.Signals) => void;
}

/** Starts `command`; `umask` (octal, e.g. '022') runs it under that file-creation mask. */
export function run(command: string, args: string[], options: { umask?: string } = {}): RunningProcess {
  const child = options.umask
    ? // Node cannot set a child's umask: a shell sets it and then becomes the command.
      spawn('sh', ['-c', `umask ${options.umask} && exec "$0" "$@"`, command, ...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    : spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; output: string }>((resolve) =>
    child.once('exit', (code) => resolve({ code, output })),
  );
  return { exited, output: () => output, kill: (signal = 'SIGTERM') => child.kill(signal) };
}

async function waitForHealth(baseUrl: string, server: RunningProcess): Promise<void> {
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
  throw new Error(`the office did not start:\n${server.output()}`);
}

export const OWNER = { email: 'owner@example.com', password: 'Harbour-Signal-Kettle-58' };
/** What the office's SIP service calls itself; callers address extensions at it. */
export const SIP_DOMAIN = 'office.example.com';

export interface OfficeProcess {
  baseUrl: string;
  dataDir: string;
  sipPort: number;
  /**
   * Sends `signal` to the office's process: SIGKILL ends it as a crash would (and waits for
   * that), SIGSTOP freezes it (its sockets stay open, nothing answers) until SIGCONT.
   */
  kill(signal: NodeJS.Signals): Promise<void>;
  /** Stops the office and removes its data folder. */
  stop(): Promise<void>;
}

/** A fresh office with OWNER as its super admin, listening on free loopback ports. */
export async function startOfficeProcess(options: { umask?: string } = {}): Promise<OfficeProcess> {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'switchboard-attack-'));
  // Made by the office itself, as the desktop app's embedded office makes its own.
  const dataDir = path.join(parent, 'office');
  const [httpPort, sipPort, wsPort] = [await freeTcpPort(), await freeSipPort(), await freeTcpPort()];
  // The office itself is the child (no tsx launcher in between), so a signal sent to it reaches it.
  const server = run(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/main.ts',
      ...['--data-dir', dataDir, '--http-port', String(httpPort), '--sip-domain', SIP_DOMAIN],
      ...[
        '--sip-udp-port',
        String(sipPort),
        '--sip-tcp-port',
        String(sipPort),
        '--sip-ws-port',
        String(wsPort),
      ],
      ...['--admin-email', OWNER.email, '--admin-password', OWNER.password],
    ],
    options,
  );
  const baseUrl = `http://127.0.0.1:${httpPort}`;
  const stop = async () => {
    server.kill();
    await server.exited;
    await rm(parent, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, server);
  } catch (error) {
    await stop();
    throw error;
  }
  const kill = async (signal: NodeJS.Signals) => {
    server.kill(signal);
    if (signal === 'SIGKILL') await server.exited;
  };
  return { baseUrl, dataDir, sipPort, kill, stop };
}
