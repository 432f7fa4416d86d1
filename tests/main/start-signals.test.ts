// `npm start` as a person (or systemd, or a terminal's Ctrl+C) stops it: SIGTERM or SIGINT to
// npm's own process ends every process it started within a few seconds, whatever the office's
// state. npm runs in a process group of its own, so "every process" is every member of the group.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signInOwner } from '../attacks/client';
import { OWNER, startOfficeProcess, type OfficeProcess } from '../attacks/office-process';
import { ControlClient } from '../e2e/control-client';

/** What scripts/system-deps.sh writes once node_modules matches package-lock.json. */
const STAMP = 'node_modules/.switchboard-lock-sha256';

/** How soon after the signal every process must be gone. */
const STOP_WITHIN_MS = 5_000;

/** The processes of a group, by their `/proc/PID/stat` (the group is its fifth field). */
function groupMembers(pgid: number): { pid: number; command: string }[] {
  const members: { pid: number; command: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    // The command is in parentheses and may hold spaces: the fields after it are split.
    const close = stat.lastIndexOf(')');
    const [state, , group] = stat.slice(close + 2).split(' ');
    if (Number(group) !== pgid || state === 'Z') continue;
    members.push({ pid: Number(entry), command: stat.slice(stat.indexOf('(') + 1, close) });
  }
  return members;
}

interface Started {
  npm: ChildProcess;
  url: string;
  /** Whatever it printed, stdout and stderr together. */
  output: () => string;
}

/** `npm start -- ARGS` in a process group of its own, with its data in `dataDir`; waits for its address. */
async function npmStart(dataDir: string, args: string[] = []): Promise<Started> {
  const npm = spawn('npm', ['start', '--', ...args], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, SWITCHBOARD_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  });
  groups.add(npm.pid!);
  let output = '';
  npm.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    npm.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^Switchboard is running at (\S+)$/m.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    npm.once('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
  return { npm, url, output: () => output };
}

/** Sends `signal` to npm alone and waits until no process of its group is left (or the time is up). */
async function stopAndWatch(
  started: Started,
  signal: NodeJS.Signals,
): Promise<{ ms: number; left: string[] }> {
  const pgid = started.npm.pid!;
  const before = groupMembers(pgid).map((member) => member.command);
  // The whole tree at work: npm and the app (node); nothing it should have replaced (bash, tsx, npx).
  // (`/proc/PID/stat` names a process by its first 15 characters.)
  expect(before.some((command) => command.startsWith('npm start'))).toBe(true);
  expect(before).toContain('node');
  expect(before.filter((command) => /^(bash|sh|tsx|npm exec)$/.test(command))).toEqual([]);
  const sent = Date.now();
  process.kill(pgid, signal);
  while (Date.now() - sent < STOP_WITHIN_MS && groupMembers(pgid).length > 0)
    await new Promise((resolve) => setTimeout(resolve, 50));
  const left = groupMembers(pgid).map((member) => `${member.pid} ${member.command}`);
  // Whatever is left would outlive the test: ended here, by the group this test made.
  if (left.length > 0) process.kill(-pgid, 'SIGKILL');
  return { ms: Date.now() - sent, left };
}

/** Groups started here; whatever a failed test left of them is ended afterwards. */
const groups = new Set<number>();

describe('npm start ends on SIGTERM and SIGINT', () => {
  let dataDir: string;

  beforeAll(async () => {
    // npm start would run npm ci under every other test's feet: node_modules must be current
    // already, as scripts/test.sh leaves it (the stamp ensure_node_modules writes).
    const lock = createHash('sha256').update(readFileSync('package-lock.json')).digest('hex');
    const stamp = existsSync(STAMP) ? readFileSync(STAMP, 'utf8').trim() : null;
    if (stamp !== lock)
      throw new Error(`${STAMP} does not match package-lock.json: run bash scripts/test.sh`);
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-start-'));
  });
  afterAll(async () => {
    for (const pgid of groups) if (groupMembers(pgid).length > 0) process.kill(-pgid, 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'with the embedded office: %s to npm ends the whole tree',
    async (signal) => {
      const started = await npmStart(path.join(dataDir, signal));
      expect((await fetch(new URL(started.url).origin)).ok).toBe(true);
      const { left, ms } = await stopAndWatch(started, signal);
      expect(left, started.output()).toEqual([]);
      expect(ms).toBeLessThan(STOP_WITHIN_MS);
    },
    120_000,
  );

  describe('with an office of its own that goes away', () => {
    let office: OfficeProcess;

    beforeAll(async () => {
      office = await startOfficeProcess();
    });
    afterAll(async () => {
      await office?.stop();
    });

    /** A person signed in at a browser host of `office` by `npm start`, their softphone registered. */
    async function signedInHost(name: string): Promise<{ started: Started; control: ControlClient }> {
      const ownerToken = await signInOwner(office.baseUrl, OWNER.email, OWNER.password);
      const person = await makeUser(office.baseUrl, ownerToken, {
        name,
        role: 'user',
        password: 'Lantern-Quarry-Violet-42',
      });
      const started = await npmStart(path.join(dataDir, name), ['--server', office.baseUrl]);
      const control = await ControlClient.connect(started.url);
      await control.value('auth:sign-in', {
        login: person.email,
        password: person.password,
        scope: 'user',
        remember: false,
      });
      await control.event('registration:state-changed', (state) => state.state === 'registered', 20_000);
      control.forgetEvents();
      return { started, control };
    }

    it('ends on SIGTERM with the office frozen (it holds every connection and answers nothing)', async () => {
      const { started, control } = await signedInHost('Lucía García-Pérez');
      control.close();
      await office.kill('SIGSTOP');
      try {
        const { left, ms } = await stopAndWatch(started, 'SIGTERM');
        expect(left, started.output()).toEqual([]);
        expect(ms).toBeLessThan(STOP_WITHIN_MS);
      } finally {
        await office.kill('SIGCONT');
      }
    }, 120_000);

    it('ends on SIGTERM once the office was killed under a signed-in softphone', async () => {
      const { started, control } = await signedInHost('Zoë Brontë-Ødegaard');
      // The office dies at once (no goodbye to the app), as a crash would leave it.
      await office.kill('SIGKILL');
      // The app has found it gone: the softphone lost its registration and is trying again.
      await control.event('registration:state-changed', (state) => state.state !== 'registered', 20_000);
      control.close();
      const { left, ms } = await stopAndWatch(started, 'SIGTERM');
      expect(left, started.output()).toEqual([]);
      expect(ms).toBeLessThan(STOP_WITHIN_MS);
    }, 120_000);
  });

  it('stops the step at work (npm ci, the renderer build) at once, and starts nothing after it', async () => {
    // A step as start.sh runs one; sleep stands in for a long npm ci.
    const script = spawn(
      'bash',
      [
        '-c',
        'set -euo pipefail; source scripts/system-deps.sh; forward_signals sleep 60; echo started-after',
      ],
      { detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    groups.add(script.pid!);
    let output = '';
    script.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => script.once('exit', resolve));
    await expect.poll(() => groupMembers(script.pid!).map((member) => member.command)).toContain('sleep');
    const sent = Date.now();
    process.kill(script.pid!, 'SIGTERM');
    expect(await exited).toBe(143);
    await expect.poll(() => groupMembers(script.pid!), { timeout: STOP_WITHIN_MS }).toEqual([]);
    expect(Date.now() - sent).toBeLessThan(STOP_WITHIN_MS);
    expect(output).toBe('');
  });

  it('ends the app after a deadline when a service never finishes stopping, and at once on a second signal', async () => {
    const stuck = (deadlineMs: number) =>
      spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          '--input-type=module',
          '-e',
          `import { stopOnSignals } from './main/web/stop-on-signal.ts';
           const signals = stopOnSignals({ info() {}, warn() {}, error() {} }, ${deadlineMs});
           signals.stopWith(() => new Promise(() => {}));
           console.log('ready');
           setInterval(() => {}, 1000);`,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
    const ended = async (child: ChildProcess, signals: NodeJS.Signals[]) => {
      await new Promise((resolve) => child.stdout!.once('data', resolve));
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      const sent = Date.now();
      for (const signal of signals) {
        child.kill(signal);
        // Pending signals are delivered lowest number first: one at a time keeps their order.
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      return { code: await exited, ms: Date.now() - sent };
    };
    const late = await ended(stuck(500), ['SIGTERM']);
    expect(late.code).toBe(1);
    expect(late.ms).toBeGreaterThanOrEqual(500);
    expect(late.ms).toBeLessThan(STOP_WITHIN_MS);
    const twice = await ended(stuck(60_000), ['SIGTERM', 'SIGINT']);
    expect(twice.code).toBe(130);
    expect(twice.ms).toBeLessThan(STOP_WITHIN_MS);
  });
});
