// The browser host as people start it (`npm run web`), as its own process, for a suite.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll } from 'vitest';
import type { HostAddress } from './ipc-page';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './office';

export interface Host extends HostAddress {
  process: ChildProcess;
  stdout: string[];
}

const RUNNING_AT = /^Switchboard is running at (http:\/\/127\.0\.0\.1:\d+\/#token=([A-Za-z0-9_-]{43}))$/;

/** The address in the host's one line on stdout, or null when the line is not that. */
export function hostAddress(line: string): HostAddress | null {
  const match = RUNNING_AT.exec(line);
  return match ? { url: new URL(match[1]!), token: match[2]! } : null;
}

/** Starts the host on `dataDir` with its embedded office, whose super admin is ADMIN_EMAIL. */
export async function startHost(dataDir: string): Promise<Host> {
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
      // An empty renderer folder: the page shown before the renderer is built; the socket is the same.
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
  const address = hostAddress(first);
  if (!address) throw new Error(`unexpected first line: ${first}`);
  return { process: child, ...address, stdout };
}

/**
 * A host in a fresh data folder, started before the describe block's tests and stopped (its
 * folder removed) after them; the fields are set once the block's tests run.
 */
export function withBrowserHost(): { host: Host; dataDir: string } {
  const started = {} as { host: Host; dataDir: string };
  beforeAll(async () => {
    started.dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-web-'));
    started.host = await startHost(started.dataDir);
  });
  afterAll(async () => {
    const { host, dataDir } = started;
    if (host?.process.exitCode === null) {
      host.process.kill('SIGTERM');
      await once(host.process, 'exit');
    }
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });
  return started;
}
