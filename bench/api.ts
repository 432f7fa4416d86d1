// npm run bench:api — seeds 1,000 users and a 100,000-call log into a SQLite office, starts the
// office server as its own process (so the load generator never shares its event loop), and
// measures list routes with autocannon over loopback.
// Targets on a 2-core machine: ≥ 2,000 requests/s with p99 ≤ 25 ms for the two targeted routes;
// every route answers without an error.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { freeTcpPort } from '../server/free-port';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import type { OfficeDb } from '../server/db/database';
import type { CallLogTable, CallTable, CallTotalsDailyTable } from '../server/db/schema';
import { runBench, type BenchRun } from './harness';
import { BATCH, BENCH_ADMIN, chunks, openBenchOffice, seedUsers, type SeededUser } from './seed';
import { changeNumberingPlan, defaultRanges } from '../server/directory/numbering-plan';

const USERS = 1_000;
const CALLS = 100_000;
/** The measured user is the caller of every fifth call, so their own log has 20,000 rows. */
const BENCH_USER_EVERY = 5;
const BENCH_USER = { email: 'bench.user@example.com', password: 'Copper-Valley-Drum-62' };
const WARM_UP_SECONDS = 2;
const DURATION_SECONDS = 10;
const CONNECTIONS = 10;
const TARGET = { requestsPerSecond: 2_000, p99Ms: 25 };

/**
 * One call a minute from 2025-01-01: the rows `recordCall` writes for it (the office-wide call,
 * a call-log row per party, the day's totals office-wide and per extension), in batches.
 */
async function seedCalls(db: OfficeDb, users: SeededUser[]): Promise<number> {
  const benchUser = users[0]!;
  const others = users.slice(1);
  const start = Date.parse('2025-01-01T00:00:00Z');
  const iso = (ms: number) => new Date(ms).toISOString();
  const totals = new Map<string, CallTotalsDailyTable>();
  let benchUserCalls = 0;
  for (let offset = 0; offset < CALLS; offset += BATCH) {
    const calls: CallTable[] = [];
    const log: CallLogTable[] = [];
    for (let i = offset; i < Math.min(offset + BATCH, CALLS); i++) {
      const caller = i % BENCH_USER_EVERY === 0 ? benchUser : others[i % others.length]!;
      const callee = others[(i * 7 + 1) % others.length]!;
      if (caller === benchUser) benchUserCalls++;
      const answered = i % 4 !== 0;
      const call: CallTable = {
        id: randomUUID(),
        caller_number: caller.extension,
        callee_number: callee.extension,
        started_at: iso(start + i * 60_000),
        answered_at: answered ? iso(start + i * 60_000 + 5_000) : null,
        ended_at: iso(start + i * 60_000 + 95_000),
        duration_seconds: answered ? 90 : 0,
        result: answered ? 'answered' : 'missed',
        fault: null,
        answered_by_number: null,
      };
      calls.push(call);
      const shared = {
        call_id: call.id,
        started_at: call.started_at,
        answered_at: call.answered_at,
        ended_at: call.ended_at,
        duration_seconds: call.duration_seconds,
        result: call.result,
        transferred_by_number: null,
        transferred_by_name: null,
        fault: null,
      };
      log.push(
        {
          ...shared,
          id: randomUUID(),
          user_id: caller.id,
          direction: 'outgoing',
          other_number: callee.extension,
          other_name: callee.name,
        },
        {
          ...shared,
          id: randomUUID(),
          user_id: callee.id,
          direction: 'incoming',
          other_number: caller.extension,
          other_name: caller.name,
          result: answered ? 'answered' : 'missed',
        },
      );
      for (const number of new Set(['', caller.extension, callee.extension])) {
        const day = call.started_at.slice(0, 10);
        const key = `${day} ${number} ${call.result}`;
        const row = totals.get(key) ?? { day, number, result: call.result, calls: 0, seconds: 0 };
        row.calls += 1;
        row.seconds += call.duration_seconds;
        totals.set(key, row);
      }
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('calls').values(calls).execute();
      for (const batch of chunks(log)) await trx.insertInto('call_log').values(batch).execute();
    });
  }
  await db.transaction().execute(async (trx) => {
    for (const batch of chunks([...totals.values()])) {
      await trx.insertInto('call_totals_daily').values(batch).execute();
    }
  });
  return benchUserCalls;
}

/**
 * The server as its own process: node with tsx's loader directly (not through npx), so the
 * signal that stops it reaches the server itself. Resolves once /api/v1/health answers.
 */
async function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  const args = ['--data-dir', dataDir, '--http-port', String(port)];
  args.push('--admin-email', BENCH_ADMIN.email, '--admin-password', BENCH_ADMIN.password);
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  let exited: string | null = null;
  child.once('exit', (code, signal) => (exited = `the server exited early (${signal ?? code})`));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(exited);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error('the server did not answer /api/v1/health within 30 s');
}

/** SIGTERM, and SIGKILL if it has not exited after 5 s. */
async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

async function signIn(
  base: string,
  login: string,
  password: string,
  scope: 'user' | 'admin',
): Promise<string> {
  const response = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password, scope }),
  });
  const body = (await response.json()) as { accessToken?: string; mustChangePassword?: boolean };
  if (!body.accessToken || body.mustChangePassword)
    throw new Error(`sign-in failed: ${JSON.stringify(body)}`);
  return body.accessToken;
}

/**
 * Measures one route for WARM_UP + DURATION seconds. A targeted route is held to TARGET; any route
 * that answers an error, a non-2xx status or a timeout fails the run.
 */
async function measure(run: BenchRun, title: string, url: string, token: string, targeted: boolean) {
  run.step(`${title}: ${WARM_UP_SECONDS} s warm-up, then ${DURATION_SECONDS} s measured`);
  const options = { url, connections: CONNECTIONS, headers: { authorization: `Bearer ${token}` } };
  await autocannon({ ...options, duration: WARM_UP_SECONDS }); // JIT, SQLite page cache
  const result = await autocannon({ ...options, duration: DURATION_SECONDS });
  run.print(
    `${title}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, ` +
      `p99 ${result.latency.p99} ms${targeted ? '' : ' (no target)'}`,
  );
  const errors = result.errors + result.timeouts;
  if (result.non2xx > 0 || errors > 0)
    run.fail(`${title}: ${result.non2xx} non-2xx answers, ${errors} errors or timeouts`);
  if (!targeted) return;
  run.target({
    name: `${title}: requests/s`,
    measured: result.requests.average,
    bound: '≥',
    limit: TARGET.requestsPerSecond,
    unit: 'req/s',
  });
  run.target({
    name: `${title}: p99`,
    measured: result.latency.p99,
    bound: '≤',
    limit: TARGET.p99Ms,
    unit: 'ms',
  });
}

async function seedOffice(run: BenchRun, dataDir: string, port: number): Promise<void> {
  const began = Date.now();
  const office = await openBenchOffice(dataDir, port, 'bench.example.com');
  try {
    // A page cache that holds the indexes while 100,000 calls go in.
    await sql`pragma cache_size = -262144`.execute(office.db);
    // Four digits, for the thousand users: the plan refuses a length its extensions do not have, so
    // the super admin the office made (extension 100) is renumbered into it first.
    await office.db.updateTable('extensions').set({ number: '1000' }).where('number', '=', '100').execute();
    await changeNumberingPlan(office.db, { extensionLength: 4, ranges: defaultRanges(4) }, Date.now());
    const users = await seedUsers(office.db, office.secrets, {
      count: USERS,
      password: BENCH_USER.password,
      firstEmail: BENCH_USER.email,
      firstName: 'Bench User',
    });
    const benchUserCalls = await seedCalls(office.db, users);
    run.print(
      `Seeded ${USERS} users and ${CALLS} calls (${CALLS * 2} call-log rows, ${benchUserCalls} of them the ` +
        `measured user's) in ${((Date.now() - began) / 1000).toFixed(1)} s`,
    );
  } finally {
    await office.close();
  }
}

await runBench('bench:api', 300, async (run) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-'));
  run.onCleanUp('the data folder', () => rm(dataDir, { recursive: true, force: true }));
  const port = await freeTcpPort();
  run.step(`seeding ${USERS} users and ${CALLS} calls`);
  await seedOffice(run, dataDir, port);
  run.step('starting the office server');
  const server = await startServer(dataDir, port);
  run.onCleanUp('the office server', () => stopServer(server));
  const base = `http://127.0.0.1:${port}/api/v1`;
  const userToken = await signIn(base, BENCH_USER.email, BENCH_USER.password, 'user');
  const adminToken = await signIn(base, BENCH_ADMIN.email, BENCH_ADMIN.password, 'admin');
  const firstPage = await fetch(`${base}/admin/call-log?limit=50`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  const { nextCursor } = (await firstPage.json()) as { nextCursor: string };

  run.print(
    `autocannon: ${CONNECTIONS} connections, ${WARM_UP_SECONDS} s warm-up + ${DURATION_SECONDS} s each, ` +
      `SQLite, loopback, ${os.availableParallelism()} cores, Node ${process.versions.node}`,
  );
  await measure(run, 'GET /me/call-log?limit=50', `${base}/me/call-log?limit=50`, userToken, true);
  await measure(run, 'GET /admin/users?limit=50', `${base}/admin/users?limit=50`, adminToken, true);
  await measure(run, 'GET /admin/call-log (totals)', `${base}/admin/call-log?limit=50`, adminToken, false);
  const page2 = `${base}/admin/call-log?limit=50&before=${nextCursor}`;
  await measure(run, 'GET /admin/call-log page 2', page2, adminToken, false);
  const byExtension = `${base}/admin/call-log?limit=50&extension=2500`;
  await measure(run, 'GET /admin/call-log ext.', byExtension, adminToken, false);
});
