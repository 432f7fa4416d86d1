// Times the office's answers without pause, in a process of its own so an attacker's busy event
// loop never counts against the office: /health over HTTP and OPTIONS over SIP UDP, each asked
// again as soon as it is answered.
//   node --import tsx tests/attacks/answer-timer.ts --url URL --sip-udp-port N
// It prints `ready` once both answered, then for each line `report` on stdin one line of JSON,
// the slowest answers since the last report; it exits when stdin ends.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { udpPeer } from '../sip/support';
import { answersOptions } from './sip-phone';

/** An answer that never comes counts as this long. */
const GAVE_UP_MS = 10_000;

export interface SlowestAnswers {
  healthMs: number;
  optionsMs: number;
  /** /health answers timed. */
  rounds: number;
}

async function timed(ask: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  try {
    await ask();
    return performance.now() - start;
  } catch {
    return GAVE_UP_MS;
  }
}

async function timeAnswers(baseUrl: string, sipPort: number): Promise<void> {
  let slowest: SlowestAnswers = { healthMs: 0, optionsMs: 0, rounds: 0 };
  let running = true;
  const peer = await udpPeer(sipPort);
  const health = () =>
    timed(async () => {
      const reply = await fetch(`${baseUrl}/api/v1/health`, { signal: AbortSignal.timeout(GAVE_UP_MS) });
      if (!reply.ok) throw new Error(`health answered ${reply.status}`);
    });
  const options = () =>
    timed(async () => {
      if (!(await answersOptions(peer, 'UDP', GAVE_UP_MS))) throw new Error('OPTIONS not answered 200');
    });
  if ((await health()) >= GAVE_UP_MS || (await options()) >= GAVE_UP_MS)
    throw new Error('the office does not answer');
  process.stdout.write('ready\n');
  const loops = [
    (async () => {
      while (running) {
        slowest.healthMs = Math.max(slowest.healthMs, await health());
        slowest.rounds++;
      }
    })(),
    (async () => {
      while (running) slowest.optionsMs = Math.max(slowest.optionsMs, await options());
    })(),
  ];
  const commands = createInterface({ input: process.stdin });
  commands.on('line', () => {
    process.stdout.write(`${JSON.stringify(slowest)}\n`);
    slowest = { healthMs: 0, optionsMs: 0, rounds: 0 };
  });
  await new Promise((resolve) => commands.once('close', resolve));
  running = false;
  await Promise.all(loops);
  peer.close();
}

/** The timer as a child process: `slowestSince` starts a new measure and returns the last one. */
export async function startAnswerTimer(
  baseUrl: string,
  sipPort: number,
): Promise<{ slowestSince: () => Promise<SlowestAnswers>; stop: () => Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/attacks/answer-timer.ts', '--url', baseUrl, '--sip-udp-port', String(sipPort)],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
  const nextLine = async () => {
    const { value, done } = await lines.next();
    if (done) throw new Error('the answer timer stopped');
    return value as string;
  };
  if ((await nextLine()) !== 'ready') throw new Error('the answer timer did not start');
  return {
    slowestSince: async () => {
      child.stdin!.write('report\n');
      return JSON.parse(await nextLine()) as SlowestAnswers;
    },
    stop: async () => {
      child.stdin!.end();
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: 'string' }, 'sip-udp-port': { type: 'string' } } });
  if (!values.url || !values['sip-udp-port']) {
    process.stderr.write(
      'Usage: node --import tsx tests/attacks/answer-timer.ts --url URL --sip-udp-port N\n',
    );
    process.exit(2);
  }
  await timeAnswers(values.url.replace(/\/$/, ''), Number(values['sip-udp-port']));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
