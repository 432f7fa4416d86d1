// npm run bench:receptionist — how many callers a receptionist serves at once while keeping
// every key's action quick.
//
// An office on loopback with its media agent and one receptionist; N plain-RTP G.711 callers (a
// separate process, bench/receptionist-callers.ts) call it 20 ms apart, wait out the greeting
// until all N are in a menu, and press * PRESSES times (the first opens a menu, the next repeat it). A key's time
// is from the caller sending it to the first packet of the greeting it starts. N rises through
// ROUNDS until the 95th percentile passes KEY_LIMIT_MS (or a call fails); printed: each round's
// median, 95th percentile and slowest key, the office process's CPU, and the largest N held,
// against TARGET_CALLERS.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runBench } from './harness';
import { CallerProcess } from './caller-process';
import { openBenchOffice, seedUsers } from './seed';
import { startSipService } from '../server/sip/service';
import { insertReceptionist } from '../server/directory/receptionists';
import { Speech } from '../server/receptionist/speech';
import { PHRASE_NAMES, phraseText } from '../server/receptionist/phrases';

const DOMAIN = 'office.example.com';
const ROUNDS = [25, 50, 100, 200, 300, 400];
const PRESSES = 3;
const KEY_LIMIT_MS = 200;
const TARGET_CALLERS = 100;
const ALWAYS_OPEN = [{ from: '00:00', to: '24:00' }];

const callers = new CallerProcess('bench/receptionist-callers.ts');

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? Infinity : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

await runBench('bench:receptionist', 600, async (run) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-receptionist-'));
  run.onCleanUp('the data folder', () => rm(dataDir, { recursive: true, force: true }));
  run.onCleanUp('the callers', () => callers.kill());
  const maxCallers = Math.max(...ROUNDS);
  run.step(`seeding ${maxCallers} users and a receptionist, starting the office with its media agent`);
  const office = await openBenchOffice(dataDir, 0, DOMAIN);
  run.onCleanUp('the office', () => office.close());
  const users = await seedUsers(office.db, office.secrets, {
    count: maxCallers,
    password: 'Bench-Receptionist-Pass-42',
    firstEmail: 'first@example.com',
    firstName: 'Menu Caller',
  });
  const greetings = ['Hello.', 'Hello again.'];
  const receptionistId = await insertReceptionist(
    office.db,
    {
      name: 'Bench desk',
      hours: {
        mon: ALWAYS_OPEN,
        tue: ALWAYS_OPEN,
        wed: ALWAYS_OPEN,
        thu: ALWAYS_OPEN,
        fri: ALWAYS_OPEN,
        sat: ALWAYS_OPEN,
        sun: ALWAYS_OPEN,
      },
      holidays: [],
      menus: [
        {
          id: 'main',
          greeting: { kind: 'text', text: greetings[0]! },
          options: [{ key: '*', action: { type: 'menu', menu: 'next' } }],
          timeoutSeconds: 60,
          fallback: { type: 'hang-up' },
        },
        {
          id: 'next',
          greeting: { kind: 'text', text: greetings[1]! },
          options: [{ key: '*', action: { type: 'repeat' } }],
          timeoutSeconds: 60,
          fallback: { type: 'hang-up' },
        },
      ],
      openMenu: 'main',
      closedMenu: 'main',
      holidayMenu: 'main',
    },
    Date.now(),
  );
  const receptionist = await office.db
    .selectFrom('receptionists')
    .innerJoin('extensions', 'extensions.id', 'receptionists.extension_id')
    .select('extensions.number')
    .where('receptionists.id', '=', receptionistId)
    .executeTakeFirstOrThrow();
  // As saving it through the API does: everything it says is spoken once, before any call.
  const speech = new Speech(office.voicemailFiles);
  for (const text of [...greetings, ...PHRASE_NAMES.map((name) => phraseText('en', name))])
    await speech.spoken('en', text);
  const sip = await startSipService(office, {
    media: { maxSessions: maxCallers, rtpPorts: [40_000, 41_999], silenceSeconds: 5, maxAnchoredCalls: 4 },
  });
  run.onCleanUp('the SIP service', () => sip.close());

  let held = 0;
  run.print(
    `${os.cpus().length} cores, ${PRESSES} keys per caller, each timed to the first packet of what it starts`,
  );
  for (const n of ROUNDS) {
    run.step(`${n} callers in the menus at once`);
    const cpuBefore = process.cpuUsage();
    const startedAt = performance.now();
    const { times, failures } = await callers.run<{ times: number[]; failures: string[] }>({
      sipPort: sip.ports.udp,
      receptionist: receptionist.number,
      presses: PRESSES,
      callers: users.slice(0, n),
    });
    const seconds = (performance.now() - startedAt) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const sorted = times.sort((a, b) => a - b);
    const p95 = percentile(sorted, 0.95);
    run.print(
      `N=${String(n).padStart(3)}  keys ${sorted.length}/${n * PRESSES}  median ${percentile(sorted, 0.5).toFixed(1)} ms  ` +
        `p95 ${p95.toFixed(1)} ms  slowest ${(sorted[sorted.length - 1] ?? Infinity).toFixed(1)} ms  ` +
        `office CPU ${(((cpu.user + cpu.system) / 1e6 / seconds) * 100).toFixed(0)} % of a core`,
    );
    for (const failure of new Set(failures))
      run.print(`  ${failures.filter((f) => f === failure).length} × ${failure}`);
    if (failures.length > 0 || p95 > KEY_LIMIT_MS) break;
    held = n;
  }
  run.target({
    name: `callers in receptionist menus at once with a key's action (95th percentile) ≤ ${KEY_LIMIT_MS} ms`,
    measured: held,
    bound: '≥',
    limit: TARGET_CALLERS,
    unit: 'callers',
  });
});
