// The office server, Kamailio-free, driven by sipp over UDP on loopback: what the SIP benchmarks
// share (bench:sip, bench:trunk). Every process started here is tracked, so that every way out
// of a bench can stop it; sipp runs are bounded by a hard timer.
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BENCH_ADMIN, openBenchOffice, seedUsers, type SeededUser } from './seed';

export const DOMAIN = 'office.example.com';
export const ROOT = path.resolve(import.meta.dirname, '..');

/** Every process this script starts, so that every exit path can end them. */
export const children = new Set<ChildProcess>();

export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function running(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Kamailio runs in its own process group (its children with it); the others are single processes. */
export function killNow(child: ChildProcess): void {
  if (!running(child) || child.pid === undefined) return;
  try {
    if (child.spawnargs[0] === 'kamailio') process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    // already gone
  }
}

/** SIGTERM (to the group for Kamailio), and SIGKILL if it has not exited after 5 s. */
export async function stop(child: ChildProcess): Promise<void> {
  if (!running(child) || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    if (child.spawnargs[0] === 'kamailio') process.kill(-child.pid, 'SIGTERM');
    else child.kill('SIGTERM');
  } catch {
    // already gone
  }
  const timer = setTimeout(() => killNow(child), 5_000);
  await exited;
  clearTimeout(timer);
  // Kamailio's workers may outlive the main process for a moment.
  if (child.spawnargs[0] === 'kamailio') {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // the group is empty
    }
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends OPTIONS over UDP until a 200 comes back: the SIP side is up. */
export async function waitForSip(port: number, isUp: () => string | null, seconds = 30): Promise<void> {
  const socket = createSocket('udp4');
  let answered = false;
  socket.on('message', (message) => {
    if (/^SIP\/2\.0 200 /.test(message.toString('latin1'))) answered = true;
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const local = socket.address().port;
  try {
    const deadline = Date.now() + seconds * 1000;
    for (let i = 0; Date.now() < deadline; i++) {
      const problem = isUp();
      if (problem) throw new Error(problem);
      const options = [
        `OPTIONS sip:${DOMAIN} SIP/2.0`,
        `Via: SIP/2.0/UDP 127.0.0.1:${local};branch=z9hG4bK-bench-${i};rport`,
        'Max-Forwards: 70',
        `From: <sip:bench@${DOMAIN}>;tag=bench${i}`,
        `To: <sip:${DOMAIN}>`,
        `Call-ID: bench-ping-${i}@127.0.0.1`,
        'CSeq: 1 OPTIONS',
        'Content-Length: 0',
        '',
        '',
      ].join('\r\n');
      socket.send(options, port, '127.0.0.1');
      await sleep(200);
      if (answered) return;
    }
    throw new Error(`no answer to OPTIONS on udp:127.0.0.1:${port} within ${seconds} s`);
  } finally {
    socket.close();
  }
}

export interface SippRun {
  output: string;
  /** True when the hard timer had to kill it. */
  killed: boolean;
  successful: number;
  failed: number;
  /** sipp's own elapsed time, start to end of the run, in seconds. */
  elapsed: number;
  /** The first reason sipp gave for aborting a call, if any. */
  firstError: string | null;
}

export function lastMatch(text: string, pattern: RegExp): RegExpExecArray | null {
  let last: RegExpExecArray | null = null;
  for (const match of text.matchAll(new RegExp(pattern.source, 'g'))) last = match as RegExpExecArray;
  return last;
}

/**
 * Runs sipp to completion, or SIGKILLs it after `killAfterMs`: sipp can hang for ever against a
 * dead port, whatever -timeout says.
 */
export function startSipp(
  args: string[],
  cwd: string,
  killAfterMs: number,
): { child: ChildProcess; done: Promise<SippRun> } {
  const child = track(spawn('sipp', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] }));
  const done = new Promise<SippRun>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString('latin1')));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString('latin1')));
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, killAfterMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', () => {
      clearTimeout(timer);
      const count = (label: string) =>
        Number(lastMatch(output, new RegExp(`${label}\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)`))?.[1] ?? NaN);
      const epoch = (label: string) =>
        Number(lastMatch(output, new RegExp(`${label}\\s*\\|\\s*\\S+\\s+\\S+\\s+(\\d+\\.\\d+)`))?.[1] ?? NaN);
      const error = /(Aborting call[^\n]*|(?:unexpected|Unexpected)[^\n]*received[^\n]*)/.exec(output);
      resolve({
        output,
        killed,
        successful: count('Successful call'),
        failed: count('Failed call'),
        elapsed: epoch('Current Time') - epoch('Start Time'),
        firstError: error?.[1]?.trim() ?? null,
      });
    });
  });
  return { child, done };
}

export function runSipp(args: string[], cwd: string, killAfterMs: number): Promise<SippRun> {
  return startSipp(args, cwd, killAfterMs).done;
}

export async function writeInjection(file: string, rows: string[][]): Promise<string> {
  await writeFile(file, ['SEQUENTIAL', ...rows.map((r) => r.join(';'))].join('\n') + '\n');
  return file;
}

export const authentication = (username: string, password: string) =>
  `[authentication username=${username} password=${password}]`;

// ---------------------------------------------------------------------------------------------
// The two registrars

export async function seedOffice(dataDir: string, httpPort: number, count: number): Promise<SeededUser[]> {
  const office = await openBenchOffice(dataDir, httpPort, DOMAIN);
  try {
    return await seedUsers(office.db, office.secrets, {
      count,
      password: 'Copper-Valley-Drum-62',
      firstEmail: 'bench.user@example.com',
      firstName: 'Bench User',
    });
  } finally {
    await office.close();
  }
}

export interface Ports {
  http: number;
  sip: number;
  ws: number;
}

/** BENCH_SIP_PROFILE_DIR=dir writes a CPU profile of each office server run there. */
export function profiling(): string[] {
  const dir = process.env.BENCH_SIP_PROFILE_DIR;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir)}`] : [];
}

/** The office server as its own process (node with tsx's loader, so signals reach it). */
export async function startOfficeServer(dataDir: string, ports: Ports): Promise<ChildProcess> {
  const args = ['--data-dir', dataDir, '--http-port', String(ports.http), '--sip-domain', DOMAIN];
  args.push('--sip-udp-port', String(ports.sip), '--sip-tcp-port', String(ports.sip));
  args.push('--sip-ws-port', String(ports.ws), '--admin-email', BENCH_ADMIN.email);
  args.push('--admin-password', BENCH_ADMIN.password);
  const child = track(
    spawn(process.execPath, [...profiling(), '--import', 'tsx', 'server/main.ts', ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, LOG_LEVEL: 'error' },
    }),
  );
  await waitForSip(ports.sip, () =>
    running(child) ? null : `the office server exited early (${child.signalCode ?? child.exitCode})`,
  );
  return child;
}

/**
 * INVITE→180 and INVITE→200 per call, in ms, from the caller's sipp -trace_msg log: from the
 * first copy of the authenticated INVITE (CSeq 2) to the first 180 and the first 200 for it.
 */
export function responseTimes(log: string): { ringing: number[]; answered: number[] } {
  const invited = new Map<string, number>();
  const ringing = new Map<string, number>();
  const answered = new Map<string, number>();
  const blocks = log.split(/^-{10,} (\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(\.\d+)\s*$/m);
  // split() with groups: [before, date, time, fraction, body, date, time, fraction, body, ...]
  for (let i = 1; i + 3 < blocks.length; i += 4) {
    const at = Date.parse(`${blocks[i]}T${blocks[i + 1]}Z`) + Number(blocks[i + 2]) * 1000;
    const body = blocks[i + 3]!;
    const sent = /^\s*\S+ message sent/.test(body);
    const lines = body.split(/\r?\n/).map((line) => line.trim());
    const start = lines.find((line) => /^(SIP\/2\.0 \d{3}|[A-Z]+ \S+ SIP\/2\.0)/.test(line));
    const header = (name: RegExp) => lines.find((line) => name.test(line))?.replace(/^[^:]+:\s*/, '');
    const callId = header(/^(call-id|i)\s*:/i);
    const cseq = header(/^cseq\s*:/i)?.replace(/\s+/g, ' ');
    if (!start || !callId || cseq !== '2 INVITE') continue;
    if (sent && start.startsWith('INVITE ')) {
      if (!invited.has(callId)) invited.set(callId, at);
    } else if (!sent && start.startsWith('SIP/2.0 180')) {
      if (!ringing.has(callId)) ringing.set(callId, at);
    } else if (!sent && start.startsWith('SIP/2.0 200')) {
      if (!answered.has(callId)) answered.set(callId, at);
    }
  }
  const since = (times: Map<string, number>) =>
    [...times].flatMap(([callId, at]) => {
      const from = invited.get(callId);
      return from === undefined ? [] : [at - from];
    });
  return { ringing: since(ringing), answered: since(answered) };
}
