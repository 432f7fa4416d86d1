// npm run bench:api — seeds 1,000 users and a 100,000-call log into a SQLite office, starts the
// office server as its own process, and measures two list routes with autocannon over loopback.
// Target on a 2-core machine: ≥ 2,000 requests/s with p99 ≤ 25 ms.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import type { ServerConfig } from '../server/config';
import { openOffice } from '../server/office';
import { silentLogger } from '../server/logger';
import { hashPassword } from '../server/accounts/passwords';
import type { CallLogTable, CallTable } from '../server/db/schema';
import type { OfficeDb } from '../server/db/database';
import type { Kysely } from 'kysely';
import { migrateTo, migrateToLatest } from '../server/db/migrate';

const USERS = 1_000;
const CALLS = 100_000;
/** The measured user takes part in this share of the calls, so their own log is large. */
const BENCH_USER_SHARE = 0.2;
const ADMIN = { email: 'bench.admin@example.com', password: 'Bench-admin-password-1' };
const BENCH_USER = { email: 'bench.user@example.com', password: 'Bench-user-password-1' };
const DURATION_SECONDS = 10;
const CONNECTIONS = 10;
const TARGET = { requestsPerSecond: 2_000, p99Ms: 25 };

async function seedUsers(db: OfficeDb): Promise<{ id: string; extension: string }[]> {
  const hash = await hashPassword(BENCH_USER.password);
  const now = new Date().toISOString();
  const users: { id: string; extension: string }[] = [];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < USERS; i++) {
      const id = randomUUID();
      const extension = String(2000 + i);
      const email = i === 0 ? BENCH_USER.email : `user${i}@example.com`;
      const name = i === 0 ? 'Bench User' : `User ${String(i).padStart(4, '0')}`;
      await trx
        .insertInto('users')
        .values({
          id,
          name,
          email,
          role: 'user',
          status: 'active',
          portal_access: 1,
          password_hash: hash,
          must_change_password: 0,
          failed_login_count: 0,
          locked_until: null,
          user_group_id: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await trx
        .insertInto('extensions')
        .values({ id: randomUUID(), number: extension, caller_id_name: name, user_id: id, created_at: now })
        .execute();
      users.push({ id, extension });
    }
  });
  return users;
}

async function seedCalls(db: OfficeDb, users: { id: string; extension: string }[]): Promise<number> {
  const benchUser = users[0]!;
  const start = Date.parse('2025-01-01T00:00:00Z');
  let benchUserCalls = 0;
  const batch = 500;
  for (let offset = 0; offset < CALLS; offset += batch) {
    const calls: CallTable[] = [];
    const rows: CallLogTable[] = [];
    for (let i = offset; i < Math.min(offset + batch, CALLS); i++) {
      const caller = i % Math.round(1 / BENCH_USER_SHARE) === 0 ? benchUser : users[1 + (i % (USERS - 1))]!;
      const callee = users[1 + ((i * 7) % (USERS - 1))]!;
      if (caller === benchUser) benchUserCalls++;
      const startedAt = new Date(start + i * 60_000).toISOString();
      const answered = i % 4 !== 0;
      const call: CallTable = {
        id: randomUUID(),
        caller_number: caller.extension,
        callee_number: callee.extension,
        started_at: startedAt,
        answered_at: answered ? new Date(start + i * 60_000 + 5_000).toISOString() : null,
        ended_at: new Date(start + i * 60_000 + 95_000).toISOString(),
        duration_seconds: answered ? 90 : 0,
        result: answered ? 'answered' : 'missed',
      };
      calls.push(call);
      const shared = {
        call_id: call.id,
        started_at: call.started_at,
        answered_at: call.answered_at,
        ended_at: call.ended_at,
        duration_seconds: call.duration_seconds,
        result: call.result,
      };
      rows.push(
        {
          id: randomUUID(),
          user_id: caller.id,
          direction: 'outgoing',
          other_number: callee.extension,
          other_name: null,
          ...shared,
        },
        {
          id: randomUUID(),
          user_id: callee.id,
          direction: 'incoming',
          other_number: caller.extension,
          other_name: null,
          ...shared,
        },
      );
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('calls').values(calls).execute();
      await trx.insertInto('call_log').values(rows).execute();
    });
  }
  return benchUserCalls;
}

function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'server/main.ts',
      '--data-dir',
      dataDir,
      '--http-port',
      String(port),
      '--admin-email',
      ADMIN.email,
      '--admin-password',
      ADMIN.password,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, LOG_LEVEL: 'warn' } },
  );
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 30_000;
    const poll = async () => {
      try {
        const response = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
        if (response.ok) return resolve(child);
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) return reject(new Error('the server did not start within 30 s'));
      setTimeout(poll, 200);
    };
    child.once('exit', (code) => reject(new Error(`the server exited early (${code})`)));
    void poll();
  });
}

async function signIn(
  port: number,
  login: string,
  password: string,
  scope: 'user' | 'admin',
): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password, scope }),
  });
  const body = (await response.json()) as { accessToken?: string };
  if (!body.accessToken) throw new Error(`sign-in failed: ${JSON.stringify(body)}`);
  return body.accessToken;
}

/** Measures one route; `targeted` routes are held to TARGET, the others are reported only. */
async function measure(title: string, url: string, token: string, targeted = true) {
  const options = { url, connections: CONNECTIONS, headers: { authorization: `Bearer ${token}` } };
  await autocannon({ ...options, duration: 2 }); // warm-up: JIT, SQLite page cache
  const result = await autocannon({ ...options, duration: DURATION_SECONDS });
  const met =
    !targeted || (result.requests.average >= TARGET.requestsPerSecond && result.latency.p99 <= TARGET.p99Ms);
  const verdict = targeted ? `target ${met ? 'met' : 'NOT met'}` : 'no target';
  console.log(
    `${title.padEnd(28)} ${result.requests.average.toFixed(0).padStart(6)} req/s   ` +
      `p50 ${String(result.latency.p50).padStart(3)} ms   p99 ${String(result.latency.p99).padStart(3)} ms   ` +
      `non-2xx ${result.non2xx}   errors ${result.errors}   ${verdict}`,
  );
  return met && result.non2xx === 0 && result.errors === 0;
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-'));
  const port = 18_000 + Math.floor(Math.random() * 1000);
  let server: ChildProcess | null = null;
  try {
    const config: ServerConfig = {
      dataDir,
      httpHost: '127.0.0.1',
      httpPort: port,
      databaseUrl: null,
      smtpUrl: null,
      mailFrom: 'bench@example.com',
      portalUrl: `http://127.0.0.1:${port}`,
      sipDomain: 'bench.example.com',
      sipHost: '127.0.0.1',
      sipWsPort: 0,
      sipUdpPort: 0,
      sipTcpPort: 0,
      adminEmail: ADMIN.email,
      adminPassword: ADMIN.password,
    };
    const seeding = Date.now();
    const office = await openOffice(config, { logger: silentLogger });
    await office.company.update({ numbering: { extensionLength: 4, firstExtension: '1000' } });
    const users = await seedUsers(office.db);
    const benchUserCalls = await seedCalls(office.db, users);
    // The calls went straight into their tables: rebuild the daily totals the way an upgraded
    // office gets them, by running their migration again over the seeded calls.
    await migrateTo(office.db as Kysely<unknown>, '0002_recovery_and_usage');
    await migrateToLatest(office.db as Kysely<unknown>);
    await office.close();
    console.log(
      `Seeded ${USERS} users and ${CALLS} calls (${CALLS * 2} per-party call-log rows; the measured user has ` +
        `${benchUserCalls}) in ${((Date.now() - seeding) / 1000).toFixed(1)} s`,
    );

    server = await startServer(dataDir, port);
    const userToken = await signIn(port, BENCH_USER.email, BENCH_USER.password, 'user');
    const adminToken = await signIn(port, ADMIN.email, ADMIN.password, 'admin');
    console.log(`autocannon: ${CONNECTIONS} connections, ${DURATION_SECONDS} s each, SQLite, loopback`);
    const base = `http://127.0.0.1:${port}/api/v1`;
    const firstPage = await fetch(`${base}/admin/call-log?limit=50`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    const { nextCursor } = (await firstPage.json()) as { nextCursor: string };
    const results = [
      await measure('GET /me/call-log?limit=50', `${base}/me/call-log?limit=50`, userToken),
      await measure('GET /admin/users?limit=50', `${base}/admin/users?limit=50`, adminToken),
      await measure('GET /admin/call-log (totals)', `${base}/admin/call-log?limit=50`, adminToken, false),
      await measure(
        'GET /admin/call-log page 2',
        `${base}/admin/call-log?limit=50&before=${nextCursor}`,
        adminToken,
        false,
      ),
      await measure(
        'GET /admin/call-log ext.',
        `${base}/admin/call-log?limit=50&extension=2500`,
        adminToken,
        false,
      ),
    ];
    process.exitCode = results.every(Boolean) ? 0 : 1;
  } finally {
    server?.kill('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
