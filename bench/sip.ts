// npm run bench:sip — SIP figures for the office server, over UDP on loopback, with sipp.
//
// Part 1: REGISTER with digest (REGISTER, 401, REGISTER with credentials, 200) as fast as the
// registrar answers, against the office server and then against Kamailio with a minimal
// registrar (bench/kamailio/kamailio.cfg, db_text subscribers), measured the same way: sipp
// offers up to REGISTER_RATE registrations/s with at most REGISTER_LIMIT in flight, and the
// rate is sipp's successful calls over sipp's own elapsed time.
// Each measured run is sized from its warm-up to last about REGISTER_SECONDS.
// Part 2: INVITE→180 and INVITE→200 latency, a sipp caller through the office to a sipp callee
// at INVITE_RATE calls/s (bench/sipp/uac.xml, uas.xml), timed from the caller's -trace_msg log.
// A probe call, any measured call or the callee side failing fails the bench, with the reason;
// part 1's figures are measured and printed before it either way.
// Targets (TARGET): see there.
//
// Needs Debian's `kamailio` and `sip-tester` (sipp) packages.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { freeSipPort, freeTcpPort } from '../server/free-port';
import os from 'node:os';
import path from 'node:path';
import { runBench, type BenchRun } from './harness';
import { latency, type Latency } from './latency';
import type { SeededUser } from './seed';
import {
  DOMAIN,
  ROOT,
  authentication,
  children,
  responseTimes,
  runSipp,
  running,
  seedOffice,
  sleep,
  startOfficeServer,
  startSipp,
  stop,
  track,
  waitForSip,
  writeInjection,
  type SippRun,
} from './sipp-office';

/** Devices registering in part 1; each sipp call is one of them registering again. */
const REGISTER_DEVICES = 1_000;
const REGISTER_WARM_UP = 3_000;
/** The measured run is sized from the warm-up's rate to last about this long. */
const REGISTER_SECONDS = 5;
/** A fixed measured run for both instead (e.g. BENCH_SIP_REGISTRATIONS=50000 for a long run). */
const FIXED_CALLS = process.env.BENCH_SIP_REGISTRATIONS ? Number(process.env.BENCH_SIP_REGISTRATIONS) : null;
/** High enough that the registrar, not sipp's pacing, sets the rate. */
const REGISTER_RATE = 20_000;
const REGISTER_LIMIT = 50;
/**
 * Part 2: callers, all calling one callee extension (its one sipp phone answers every call):
 * sipp answers a challenge for one URI per run (-auth_uri), and the office checks it is the
 * Request-URI's.
 */
const INVITE_CALLERS = 100;
const INVITE_RATE = 100;
const INVITE_CALLS = 1_000;
const SCENARIOS = {
  register: path.join(ROOT, 'tests/sipp/register.xml'),
  registerCallee: path.join(ROOT, 'bench/sipp/register-uas.xml'),
  // The call scenarios the tests run: the caller ACKs at once (-d 0) and talks for 200 ms.
  uac: path.join(ROOT, 'tests/sipp/uac.xml'),
  uas: path.join(ROOT, 'tests/sipp/uas.xml'),
};
const KAMAILIO_CONFIG = path.join(ROOT, 'bench/kamailio/kamailio.cfg');
/**
 * A thousand phones registering at once (after an outage) get through within a second, at no
 * less than half the rate of Kamailio on the same machine; a call rings and is answered through
 * the office without a delay anyone would hear: INVITE→180 and →200 within 10 ms typically and
 * 100 ms for all but one call in a hundred.
 */
const TARGET = {
  registrationsPerSecond: 1_000,
  kamailioRatio: 0.5,
  inviteP50Ms: 10,
  inviteP99Ms: 100,
};

/** Kamailio in the foreground (-DD), in its own process group, logging to a file. */
async function startKamailio(dir: string, port: number, users: SeededUser[]): Promise<ChildProcess> {
  const db = path.join(dir, 'db');
  await mkdir(db, { recursive: true });
  await writeFile(path.join(db, 'version'), 'table_name(string) table_version(int)\nsubscriber:7\n');
  await writeFile(
    path.join(db, 'subscriber'),
    'id(int,auto) username(string) domain(string) password(string) ha1(string,null) ha1b(string,null)\n' +
      users.map((u, i) => `${i + 1}:${u.extension}:${DOMAIN}:${u.sipPassword}::\n`).join(''),
  );
  const args = ['-f', KAMAILIO_CONFIG, '-A', `LISTEN=udp:127.0.0.1:${port}`, '-A', `DBURL="text://${db}"`];
  // Refuse to start on a config Kamailio itself rejects, with its own words.
  try {
    execFileSync('kamailio', ['-c', ...args], { stdio: 'pipe' });
  } catch (error) {
    throw new Error(
      `kamailio -c rejects ${KAMAILIO_CONFIG}: ${String((error as { stderr?: Buffer }).stderr)}`,
    );
  }
  const log = path.join(dir, 'kamailio.log');
  const fd = openSync(log, 'w');
  const child = track(
    spawn('kamailio', ['-DD', '-E', ...args], { detached: true, stdio: ['ignore', fd, fd] }),
  );
  closeSync(fd);
  try {
    await waitForSip(port, () => (running(child) ? null : `kamailio exited early, see its log`));
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${await readFile(log, 'utf8').catch(() => '')}`);
  }
  return child;
}

// ---------------------------------------------------------------------------------------------
// Part 1: REGISTER rate

/**
 * Registrations per second in the measured run (sipp's successful ones over its own elapsed
 * time). A registration that failed or did not finish fails the bench: the rate would not be
 * comparable.
 */
async function measureRegister(
  run: BenchRun,
  label: string,
  port: number,
  rows: string[][],
  dir: string,
): Promise<number> {
  await mkdir(dir, { recursive: true });
  const injection = await writeInjection(path.join(dir, 'users.csv'), rows);
  const register = (calls: number) =>
    runSipp(
      [
        `127.0.0.1:${port}`,
        ...['-sf', SCENARIOS.register, '-inf', injection, '-i', '127.0.0.1', '-p', '0', '-nostdin'],
        // sipp answers challenges for remote_ip:remote_port unless told the Request-URI.
        ...['-auth_uri', DOMAIN],
        ...['-m', String(calls), '-r', String(REGISTER_RATE), '-l', String(REGISTER_LIMIT)],
        ...['-timeout', '120s', '-timeout_error', '-recv_timeout', '10000'],
      ],
      dir,
      180_000,
    );
  const check = (result: SippRun, what: string) => {
    if (result.killed) throw new Error(`${label}: sipp (${what}) did not finish in time and was killed`);
    if (!Number.isFinite(result.successful) || !Number.isFinite(result.elapsed))
      throw new Error(`${label}: no statistics from sipp (${what}):\n${result.output.slice(-2000)}`);
  };
  const warmUp = await register(REGISTER_WARM_UP);
  check(warmUp, 'warm-up');
  const calls =
    FIXED_CALLS ??
    Math.round(Math.max(REGISTER_WARM_UP, (warmUp.successful / warmUp.elapsed) * REGISTER_SECONDS));
  const measured = await register(calls);
  check(measured, 'measured run');
  const rate = measured.successful / measured.elapsed;
  run.print(
    `${label}: ${rate.toFixed(0)} registrations/s (${measured.successful} in ` +
      `${measured.elapsed.toFixed(2)} s; warm-up ${(warmUp.successful / warmUp.elapsed).toFixed(0)}/s)`,
  );
  // Failed or unfinished (sipp's -timeout ends a run whatever is still in flight).
  const failed = REGISTER_WARM_UP - warmUp.successful + (calls - measured.successful);
  if (failed > 0) {
    const first = measured.firstError ?? warmUp.firstError;
    run.fail(`${label}: ${failed} registrations failed or did not finish${first ? ` (${first})` : ''}`);
  }
  return rate;
}

// ---------------------------------------------------------------------------------------------
// Part 2: INVITE latency through the office

type InviteResult = { ok: true; ringing: Latency; answered: Latency } | { ok: false; reason: string };

async function measureInvites(port: number, users: SeededUser[], dir: string): Promise<InviteResult> {
  await mkdir(dir, { recursive: true });
  const callers = users.slice(0, INVITE_CALLERS);
  const callees = [users[INVITE_CALLERS]!];
  const calleePort = await freeSipPort();

  // The called phone.
  const uasDir = path.join(dir, 'uas');
  await mkdir(uasDir);
  // It ends by itself after the probe call and the measured ones, and then gives its statistics.
  const uas = startSipp(
    [
      ...['-sf', SCENARIOS.uas, '-i', '127.0.0.1', '-p', String(calleePort), '-nostdin'],
      ...['-m', String(1 + INVITE_CALLS), '-timeout', '300s', '-timeout_error'],
    ],
    uasDir,
    300_000,
  );
  try {
    const registered = await runSipp(
      [
        `127.0.0.1:${port}`,
        '-sf',
        SCENARIOS.registerCallee,
        '-inf',
        await writeInjection(
          path.join(dir, 'callees.csv'),
          callees.map((u) => [
            u.extension,
            authentication(u.sipUsername, u.sipPassword),
            DOMAIN,
            String(calleePort),
          ]),
        ),
        ...['-i', '127.0.0.1', '-p', '0', '-nostdin', '-m', String(callees.length), '-r', '50'],
        ...['-auth_uri', DOMAIN],
        ...['-timeout', '20s', '-timeout_error'],
      ],
      dir,
      30_000,
    );
    if (registered.successful !== callees.length) {
      return {
        ok: false,
        reason: `registering the callees failed: ${registered.firstError ?? `${registered.successful} of ${callees.length}`}`,
      };
    }
    if (!running(uas.child)) return { ok: false, reason: 'the callee sipp exited' };

    const injection = await writeInjection(
      path.join(dir, 'callers.csv'),
      callers.map((u) => [
        u.extension,
        authentication(u.sipUsername, u.sipPassword),
        DOMAIN,
        callees[0]!.extension,
      ]),
    );
    const call = (calls: number, runDir: string, killAfterMs: number) =>
      runSipp(
        [
          `127.0.0.1:${port}`,
          ...['-sf', SCENARIOS.uac, '-inf', injection, '-i', '127.0.0.1', '-p', '0'],
          ...['-auth_uri', `${callees[0]!.extension}@${DOMAIN}`],
          ...['-nostdin', '-m', String(calls), '-r', String(INVITE_RATE), '-d', '0'],
          // Every message with its time in µs: sipp's own response times (-trace_rtt) are whole ms.
          ...['-trace_msg', '-message_file', path.join(runDir, 'messages.log')],
          ...['-timeout', '60s', '-timeout_error', '-recv_timeout', '5000'],
        ],
        runDir,
        killAfterMs,
      );
    // One call first: while call handling is missing or broken, say why instead of failing 1,000.
    const probeDir = path.join(dir, 'probe');
    await mkdir(probeDir);
    const probe = await call(1, probeDir, 20_000);
    if (probe.killed) return { ok: false, reason: 'the probe call did not end within 20 s' };
    if (probe.successful !== 1)
      return { ok: false, reason: `probe call failed: ${probe.firstError ?? 'no reason given'}` };

    const runDir = path.join(dir, 'calls');
    await mkdir(runDir);
    const measured = await call(INVITE_CALLS, runDir, 120_000);
    if (measured.killed) return { ok: false, reason: 'the calls did not end within 120 s' };
    const samples = responseTimes(await readFile(path.join(runDir, 'messages.log'), 'latin1'));
    if (!Number.isFinite(measured.successful)) return { ok: false, reason: 'no statistics from sipp' };
    if (measured.failed !== 0 || measured.successful !== INVITE_CALLS) {
      return {
        ok: false,
        reason:
          `${measured.failed} of ${INVITE_CALLS} calls failed` +
          (measured.firstError ? ` (${measured.firstError})` : ''),
      };
    }
    // The callee side must have completed every call too (ACK and BYE relayed to it).
    const callee = await Promise.race([uas.done, sleep(15_000).then(() => null)]);
    if (!callee) return { ok: false, reason: 'the callee sipp did not see every call end within 15 s' };
    if (callee.successful !== 1 + INVITE_CALLS) {
      return {
        ok: false,
        reason:
          `the callee side completed ${callee.successful} of ${1 + INVITE_CALLS} calls` +
          (callee.firstError ? ` (${callee.firstError})` : ''),
      };
    }
    return {
      ok: true,
      ringing: latency(samples.ringing),
      answered: latency(samples.answered),
    };
  } finally {
    await stop(uas.child);
  }
}

// ---------------------------------------------------------------------------------------------

/** The version a tool prints (sipp -v exits with 1 after printing it). */
function version(command: string, args: string[], pattern: RegExp): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) {
    throw new Error(`${command} is not installed: apt-get update && apt-get install -y kamailio sip-tester`);
  }
  return pattern.exec(`${result.stdout}${result.stderr}`)?.[1] ?? 'unknown version';
}

await runBench('bench:sip', 480, async (run) => {
  const sippVersion = version('sipp', ['-v'], /SIPp (v[\d.]+)/);
  const kamailioVersion = version('kamailio', ['-v'], /kamailio ([\d.]+)/);
  const root = await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-sip-'));
  run.onCleanUp('the data folder', () => rm(root, { recursive: true, force: true }));
  run.onCleanUp('the office servers, Kamailio and sipp', () =>
    Promise.all([...children].map((child) => stop(child))),
  );
  run.step(`seeding ${REGISTER_DEVICES + INVITE_CALLERS + 1} users`);
  const users = await seedOffice(
    path.join(root, 'office'),
    await freeTcpPort(),
    REGISTER_DEVICES + INVITE_CALLERS + 1,
  );
  const registering = users.slice(0, REGISTER_DEVICES);
  const calling = users.slice(REGISTER_DEVICES);
  run.print(
    `sipp ${sippVersion}, Kamailio ${kamailioVersion}, Node ${process.versions.node}, ` +
      `${os.availableParallelism()} cores, UDP over loopback`,
  );
  run.print(
    `Part 1: REGISTER with digest, ${REGISTER_DEVICES} devices, ${REGISTER_WARM_UP} warm-up registrations, ` +
      (FIXED_CALLS ? `then ${FIXED_CALLS} measured, ` : `then ~${REGISTER_SECONDS} s measured, `) +
      `sipp -r ${REGISTER_RATE} -l ${REGISTER_LIMIT}`,
  );

  const officePorts = { http: await freeTcpPort(), sip: await freeSipPort(), ws: await freeTcpPort() };
  const officeDir = path.join(root, 'office');
  run.step('REGISTER against the office server');
  let office = await startOfficeServer(officeDir, officePorts);
  const switchboard = await measureRegister(
    run,
    'Switchboard',
    officePorts.sip,
    registering.map((u) => [u.extension, authentication(u.sipUsername, u.sipPassword), DOMAIN]),
    path.join(root, 'register-office'),
  );
  await stop(office);

  run.step(`REGISTER against Kamailio ${kamailioVersion}`);
  const kamailioPort = await freeSipPort();
  const kamailio = await startKamailio(path.join(root, 'kamailio'), kamailioPort, registering);
  const reference = await measureRegister(
    run,
    `Kamailio ${kamailioVersion}`,
    kamailioPort,
    registering.map((u) => [u.extension, authentication(u.extension, u.sipPassword), DOMAIN]),
    path.join(root, 'register-kamailio'),
  );
  await stop(kamailio);
  run.target({
    name: 'REGISTER with digest, Switchboard',
    measured: switchboard,
    bound: '≥',
    limit: TARGET.registrationsPerSecond,
    unit: 'registrations/s',
  });
  run.target({
    name: 'REGISTER rate, Switchboard / Kamailio',
    measured: switchboard / reference,
    bound: '≥',
    limit: TARGET.kamailioRatio,
    unit: '×',
  });

  // A fresh server process, so that part 2 neither inherits part 1's state nor depends on it.
  run.step(
    `Part 2: INVITE through the office, ${INVITE_CALLS} calls at ${INVITE_RATE}/s, ` +
      `200 ms calls, ${INVITE_CALLERS} callers to one callee`,
  );
  office = await startOfficeServer(officeDir, officePorts);
  const invites = await measureInvites(officePorts.sip, calling, path.join(root, 'invite'));
  await stop(office);
  if (!invites.ok) {
    run.fail(`INVITE run: ${invites.reason}`);
    return;
  }
  for (const [name, figures] of [
    ['INVITE→180', invites.ringing],
    ['INVITE→200', invites.answered],
  ] as const) {
    run.print(`${name}: ${figures.samples} calls timed`);
    run.target({
      name: `${name} p50`,
      measured: figures.p50,
      bound: '≤',
      limit: TARGET.inviteP50Ms,
      unit: 'ms',
    });
    run.target({
      name: `${name} p99`,
      measured: figures.p99,
      bound: '≤',
      limit: TARGET.inviteP99Ms,
      unit: 'ms',
    });
  }
});
