// npm run bench:trunk — calls in from a carrier through an IP trunk, over UDP on loopback, with
// sipp on both sides: a sipp "border controller" on 127.0.0.5 (the trunk's listed address) calls
// the office's number, which routes to an extension whose phone is a sipp that rings and answers.
//
// Part 1: call attempts per second, stepping up (RATES, STEP_SECONDS each): each call is
// answered, lasts no time, and is hung up. The step fails when more than 1 % of its calls fail or
// its setup time (INVITE→200, from the carrier's -trace_msg log) has p99 over 200 ms; the figure is
// the last rate that passed.
// A warm-up run (not counted) comes first, so the JIT's first seconds do not count as the office.
// Part 2: simultaneous calls, stepping up (HELD_CALLS): that many calls set up at HELD_RATE/s and
// each held HOLD_MS, so all of them are up at once for a while; the figure is the most calls
// answered, held together and ended cleanly, with none failing.
// The media of these calls goes straight between the two sipps (both plain RTP): the office
// carries the signalling, as it does for desk phones and carriers.
// Targets (TARGET): see there. Needs Debian's `sip-tester` (sipp).
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freeSipPort, freeTcpPort } from '../server/free-port';
import { runBench } from './harness';
import { latency } from './latency';
import { BENCH_ADMIN } from './seed';
import {
  DOMAIN,
  ROOT,
  authentication,
  children,
  responseTimes,
  runSipp,
  running,
  seedOffice,
  startOfficeServer,
  startSipp,
  stop,
  writeInjection,
} from './sipp-office';

const NUMBER = '+34910000001';
/** The carrier's border controller: the IP trunk's one address. */
const CARRIER = '127.0.0.5';
const RATES = [25, 50, 75, 100, 150, 200, 300];
const STEP_SECONDS = 4;
const WARM_UP_CALLS = 100;
const HELD_CALLS = [100, 200, 400, 800];
const HELD_RATE = 100;
/** Longer than the largest step takes to set up, so every call of a step is up together. */
const HOLD_MS = 10_000;
const SCENARIOS = {
  carrier: path.join(ROOT, 'bench/sipp/trunk-uac.xml'),
  registerCallee: path.join(ROOT, 'bench/sipp/register-uas.xml'),
  uas: path.join(ROOT, 'tests/sipp/uas.xml'),
};
/** From the issue: at least 50 call setups a second and 100 calls at once on this 2-core machine. */
const TARGET = { setupsPerSecond: 50, simultaneousCalls: 100, failedRatio: 0.01, setupP99Ms: 200 };

/** A JSON request to the office's API; throws with the answer when it is not a success. */
async function api(port: number, method: string, route: string, body: unknown, token?: string) {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${method} ${route}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

await runBench('bench:trunk', 420, async (run) => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-trunk-'));
  run.onCleanUp('the data folder', () => rm(root, { recursive: true, force: true }));
  run.onCleanUp('the office server and sipp', () => Promise.all([...children].map((child) => stop(child))));
  run.step('seeding the office: one person, their number, an IP trunk');
  const officeDir = path.join(root, 'office');
  const ports = { http: await freeTcpPort(), sip: await freeSipPort(), ws: await freeTcpPort() };
  const [callee] = await seedOffice(officeDir, ports.http, 1);
  await startOfficeServer(officeDir, ports);
  const login = await api(ports.http, 'POST', '/auth/login', {
    login: BENCH_ADMIN.email,
    password: BENCH_ADMIN.password,
    scope: 'admin',
  });
  const token = login.accessToken as string;
  await api(
    ports.http,
    'POST',
    '/admin/phone-numbers',
    { number: NUMBER, routeType: 'extension', routeTarget: callee!.extension },
    token,
  );
  // Its OPTIONS go to a port where nobody answers: the trunk's calls in are taken all the same.
  await api(
    ports.http,
    'POST',
    '/admin/trunks',
    { kind: 'ip', name: 'Bench carrier', host: CARRIER, port: 9, addresses: [CARRIER], maxChannels: 10_000 },
    token,
  );

  run.step('the called phone registers');
  const calleePort = await freeSipPort();
  const uasDir = path.join(root, 'uas');
  await mkdir(uasDir);
  const uas = startSipp(
    [...['-sf', SCENARIOS.uas, '-i', '127.0.0.1', '-p', String(calleePort), '-nostdin'], '-timeout', '400s'],
    uasDir,
    400_000,
  );
  const registered = await runSipp(
    [
      `127.0.0.1:${ports.sip}`,
      ...['-sf', SCENARIOS.registerCallee, '-i', '127.0.0.1', '-p', '0', '-nostdin', '-m', '1'],
      '-inf',
      await writeInjection(path.join(root, 'callee.csv'), [
        [
          callee!.extension,
          authentication(callee!.sipUsername, callee!.sipPassword),
          DOMAIN,
          String(calleePort),
        ],
      ]),
      ...['-auth_uri', DOMAIN, '-timeout', '20s', '-timeout_error'],
    ],
    root,
    30_000,
  );
  if (registered.successful !== 1)
    return run.fail(`the called phone did not register: ${registered.firstError}`);

  const carrier = async (name: string, calls: number, rate: number, holdMs: number) => {
    const dir = path.join(root, name);
    await mkdir(dir);
    const result = await runSipp(
      [
        `127.0.0.1:${ports.sip}`,
        ...['-sf', SCENARIOS.carrier, '-s', NUMBER, '-i', CARRIER, '-p', '0', '-nostdin'],
        ...['-m', String(calls), '-r', String(rate), '-l', String(calls), '-d', String(holdMs)],
        ...['-trace_msg', '-message_file', path.join(dir, 'messages.log')],
        ...['-timeout', '90s', '-timeout_error', '-recv_timeout', '15000'],
      ],
      dir,
      120_000,
    );
    const setups = responseTimes(await readFile(path.join(dir, 'messages.log'), 'latin1').catch(() => ''));
    return { result, setup: latency(setups.answered) };
  };

  run.step(`warm-up: ${WARM_UP_CALLS} calls at 25/s`);
  await carrier('warm-up', WARM_UP_CALLS, 25, 0);
  run.print(`Part 1: calls in through the trunk, ${STEP_SECONDS} s per rate, answered and hung up at once`);
  let sustained = 0;
  for (const rate of RATES) {
    run.step(`${rate} call attempts/s`);
    const calls = rate * STEP_SECONDS;
    const { result, setup } = await carrier(`rate-${rate}`, calls, rate, 0);
    const failed = calls - (Number.isFinite(result.successful) ? result.successful : 0);
    run.print(
      `${rate}/s: ${result.successful} of ${calls} answered in ${result.elapsed.toFixed(1)} s, ` +
        `setup p50 ${setup.p50.toFixed(1)} ms, p99 ${setup.p99.toFixed(1)} ms` +
        (failed > 0 && result.firstError ? ` (first failure: ${result.firstError})` : ''),
    );
    if (result.killed || failed / calls > TARGET.failedRatio || setup.p99 > TARGET.setupP99Ms) break;
    sustained = rate;
  }
  run.target({
    name: 'call setups through a trunk, ≤ 1 % failed and p99 ≤ 200 ms',
    measured: sustained,
    bound: '≥',
    limit: TARGET.setupsPerSecond,
    unit: 'calls/s',
  });

  run.print(`Part 2: calls set up at ${HELD_RATE}/s, each held ${HOLD_MS / 1000} s`);
  let most = 0;
  for (const calls of HELD_CALLS) {
    run.step(`${calls} calls held at once`);
    if (!running(uas.child)) return run.fail('the called phone’s sipp exited');
    const { result } = await carrier(`held-${calls}`, calls, HELD_RATE, HOLD_MS);
    const held = Number.isFinite(result.successful) ? result.successful : 0;
    run.print(
      `${calls} at once: ${held} answered, held together and ended cleanly` +
        (held < calls && result.firstError ? ` (first failure: ${result.firstError})` : ''),
    );
    if (held < calls) break;
    most = calls;
  }
  run.target({
    name: 'simultaneous calls through a trunk',
    measured: most,
    bound: '≥',
    limit: TARGET.simultaneousCalls,
    unit: 'calls',
  });
});
