// Idle connections to the office's HTTP port, 21,000 from 3 processes (more than the 20,000
// descriptors a process gets here, which one process alone could not open), each process from
// 127.0.0.1 and three addresses of its own, re-opening every second those the office closes;
// once all are up, a newcomer signs in again and again from 127.0.0.1 for 6 s. No sign-in is
// needed for the flood. Run it against a fresh office:
//   npx tsx tests/attacks/http-idle-flood.ts --url URL --email OWNER --password PASSWORD
// It prints one line per attack and exits 1 when the flood kept anyone from signing in.
import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { attackFromCommandLine, ownerToken, type AttackOutcome, type Owner } from './client';

export const FLOOD = { sockets: 21_000, processes: 3, seconds: 6 };
const BATCH = 150;
/** How long a sign-in may take while the flood goes on. */
const SIGN_IN_LIMIT_MS = 5_000;

function addressesOf(holder: number): string[] {
  return ['127.0.0.1', ...[1, 2, 3].map((host) => `127.0.${60 + holder}.${host}`)];
}

/**
 * One holder's part: `count` idle connections, re-opened each second as the office closes them,
 * until its stdin ends. Prints `open N` after each round.
 */
async function hold(port: number, holder: number, count: number): Promise<void> {
  const addresses = addressesOf(holder);
  const sockets: (net.Socket | null)[] = new Array(count).fill(null);
  let holding = true;
  process.stdin.on('end', () => (holding = false)).resume();
  const open = (slot: number) =>
    new Promise<void>((resolve) => {
      const socket = net.connect({
        port,
        host: '127.0.0.1',
        localAddress: addresses[slot % addresses.length],
      });
      sockets[slot] = socket;
      socket.on('error', () => undefined);
      socket.once('connect', () => resolve());
      socket.once('close', () => {
        sockets[slot] = null;
        resolve();
      });
    });
  while (holding) {
    const closed = sockets.flatMap((socket, slot) => (socket ? [] : [slot]));
    // In batches that fit the office's accept queue with the other holders' (Node listens with
    // a backlog of 511): handshakes past it are dropped and retried only a second later.
    for (let i = 0; i < closed.length && holding; i += BATCH)
      await Promise.all(closed.slice(i, i + BATCH).map(open));
    process.stdout.write(`open ${sockets.filter((s) => s && !s.destroyed).length}\n`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  for (const socket of sockets) socket?.destroy();
}

/**
 * A sign-in as a newcomer makes it: over a connection of its own (a pooled one, opened before
 * the flood, would get through whatever the flood did). Resolves with the status, 0 when
 * refused or unanswered in time.
 */
function signInAfresh(baseUrl: string, owner: Owner): Promise<number> {
  const body = JSON.stringify({ login: owner.email, password: owner.password, scope: 'user' });
  return new Promise((resolve) => {
    const sent = http.request(
      `${baseUrl}/api/v1/auth/login`,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        timeout: SIGN_IN_LIMIT_MS,
      },
      (reply) => {
        reply.resume();
        reply.once('end', () => resolve(reply.statusCode ?? 0));
      },
    );
    sent.once('timeout', () => sent.destroy());
    sent.once('error', () => resolve(0));
    sent.end(body);
  });
}

/** Sign-ins one after another for `seconds`: each one's time, or Infinity when refused. */
async function signInFor(baseUrl: string, owner: Owner, seconds: number): Promise<number[]> {
  const times: number[] = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const start = performance.now();
    const status = await signInAfresh(baseUrl, owner);
    times.push(status === 200 ? performance.now() - start : Infinity);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return times;
}

export async function floodHttp(baseUrl: string, owner: Owner, flood = FLOOD): Promise<AttackOutcome[]> {
  await ownerToken(baseUrl, owner);
  const port = Number(new URL(baseUrl).port);
  const perHolder = Math.ceil(flood.sockets / flood.processes);
  let mostOpen = 0;
  const opened = new Map<number, number>();
  let allUp: () => void = () => undefined;
  const up = new Promise<void>((resolve) => (allUp = resolve));
  const holders = Array.from({ length: flood.processes }, (_, holder) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/attacks/http-idle-flood.ts', '--hold', String(holder)].concat([
        '--port',
        String(port),
        '--count',
        String(perHolder),
      ]),
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    createInterface({ input: child.stdout! }).on('line', (line) => {
      opened.set(holder, Number(/^open (\d+)$/.exec(line)?.[1] ?? 0));
      mostOpen = Math.max(
        mostOpen,
        [...opened.values()].reduce((sum, n) => sum + n, 0),
      );
      if (opened.size === flood.processes) allUp();
    });
    return { child, exited: new Promise((resolve) => child.once('exit', resolve)) };
  });
  const started = performance.now();
  let upAfterMs = 0;
  let times: number[] = [];
  try {
    await Promise.race([up, ...holders.map((h) => h.exited)]);
    upAfterMs = performance.now() - started;
    if (opened.size === flood.processes) times = await signInFor(baseUrl, owner, flood.seconds);
  } finally {
    for (const { child } of holders) child.stdin!.end();
    await Promise.all(holders.map((h) => h.exited));
  }
  const refused = times.filter((t) => t === Infinity).length;
  const slowest = Math.max(0, ...times.filter((t) => t !== Infinity));
  return [
    {
      attack: `signing in during a flood of ${flood.sockets} idle connections from ${flood.processes} processes`,
      succeeded: times.length === 0 || refused > 0,
      detail:
        `${times.length - refused} of ${times.length} sign-ins went through (slowest ${slowest.toFixed(0)} ms); ` +
        `the flood was up after ${(upAfterMs / 1000).toFixed(1)} s ` +
        `and held at most ${mostOpen} connections open at once`,
    },
  ];
}

/** A holder's command line, as `floodHttp` starts it: `--hold INDEX --port N --count N`. */
async function holdFromCommandLine(): Promise<void> {
  const { values } = parseArgs({
    options: { hold: { type: 'string' }, port: { type: 'string' }, count: { type: 'string' } },
  });
  await hold(Number(values.port), Number(values.hold), Number(values.count));
  process.exit(0);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--hold')) await holdFromCommandLine();
  else
    await attackFromCommandLine('http-idle-flood.ts', ['email', 'password'], (flags) =>
      floodHttp(flags.url, flags),
    );
}
