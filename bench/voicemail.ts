// npm run bench:voicemail — how many callers can leave a message at once.
//
// An office on loopback with its media agent; N plain-RTP G.711 callers (a separate process,
// bench/voicemail-callers.ts) call one extension with nothing registered at the same moment,
// each sending a 440 Hz tone for SPOKEN_SECONDS after the beep. Every stored message is decoded:
// a lost packet is stored as 20 ms of silence, so the share of quiet 20 ms windows inside the
// messages (and any message missing altogether) is the packet loss. N rises through ROUNDS
// until loss passes 1 %; printed: each round's loss and the office process's CPU time per
// stream (user + system, per second of recording), and the largest N held, against its target
// (TARGET_CALLERS).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runBench } from './harness';
import { CallerProcess } from './caller-process';
import { openBenchOffice, seedUsers } from './seed';
import { startSipService } from '../server/sip/service';
import { decodeOggOpus } from '../tests/support/tone';
import { boxOf, storedMessage, uploadToneGreeting } from '../tests/support/voicemail-box';

const DOMAIN = 'office.example.com';
const ROUNDS = [10, 25, 50, 75, 100, 150];
const SPOKEN_SECONDS = 5;
const LOSS_LIMIT = 0.01;
/** Callers the office records at once within LOSS_LIMIT. */
const TARGET_CALLERS = 50;

/** Quiet 20 ms windows (RMS under 1000: the tone's is about 7000) and all windows of a message. */
function quietWindows(samples: Int16Array): { quiet: number; total: number } {
  const window = 960;
  let quiet = 0;
  let total = 0;
  // The first and last windows hold the tone's edges.
  for (let at = window; at + 2 * window <= samples.length; at += window) {
    let sum = 0;
    for (let i = at; i < at + window; i++) sum += samples[i]! * samples[i]!;
    if (Math.sqrt(sum / window) < 1000) quiet++;
    total++;
  }
  return { quiet, total };
}

const callers = new CallerProcess('bench/voicemail-callers.ts');

await runBench('bench:voicemail', 420, async (run) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-voicemail-'));
  run.onCleanUp('the data folder', () => rm(dataDir, { recursive: true, force: true }));
  run.onCleanUp('the callers', () => callers.kill());
  const maxCallers = Math.max(...ROUNDS);
  run.step(`seeding ${maxCallers + 1} users and starting the office with its media agent`);
  const office = await openBenchOffice(dataDir, 0, DOMAIN);
  run.onCleanUp('the office', () => office.close());
  const users = await seedUsers(office.db, office.secrets, {
    count: maxCallers + 1,
    password: 'Bench-Voicemail-Pass-42',
    firstEmail: 'first@example.com',
    firstName: 'Callee Box',
  });
  const [callee, ...others] = users;
  // A half-second greeting keeps each round short (the default greeting is 6 s).
  await uploadToneGreeting(office, (await boxOf(office, callee!.extension)).id, 0.5, 300);
  const sip = await startSipService(office, {
    media: { maxSessions: maxCallers, rtpPorts: [40_000, 41_999], silenceSeconds: 5, maxAnchoredCalls: 4 },
  });
  run.onCleanUp('the SIP service', () => sip.close());
  const stored: string[] = [];
  office.events.on('voicemail-received', ({ messageId }) => stored.push(messageId));

  let held = 0;
  run.print(`${os.cpus().length} cores, ${SPOKEN_SECONDS} s spoken per caller after a 0.5 s greeting`);
  for (const n of ROUNDS) {
    run.step(`${n} callers leaving a message at once`);
    stored.length = 0;
    const cpuBefore = process.cpuUsage();
    const { completed, failures } = await callers.run<{ completed: number; failures: string[] }>({
      sipPort: sip.ports.udp,
      callee: callee!.extension,
      seconds: SPOKEN_SECONDS,
      callers: others.slice(0, n),
    });
    const cpu = process.cpuUsage(cpuBefore);
    // Messages are stored just after their calls end; one that is not there soon is lost.
    const deadline = Date.now() + 10_000;
    while (stored.length < completed && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    let quiet = 0;
    let total = 0;
    for (const id of stored) {
      const { audio } = await storedMessage(office, id);
      const counted = quietWindows(decodeOggOpus(audio));
      quiet += counted.quiet;
      total += counted.total;
    }
    // A caller whose call failed lost everything it would have said.
    const missing = (n - stored.length) * (SPOKEN_SECONDS * 50 - 3);
    const loss = (quiet + missing) / (total + missing);
    const cpuMsPerStreamSecond = (cpu.user + cpu.system) / 1000 / (n * SPOKEN_SECONDS);
    run.print(
      `N=${String(n).padStart(3)}  messages ${stored.length}/${n}  loss ${(loss * 100).toFixed(2)} %  ` +
        `office CPU ${cpuMsPerStreamSecond.toFixed(1)} ms per stream-second (${(cpuMsPerStreamSecond / 10).toFixed(2)} % of a core per stream)`,
    );
    for (const failure of new Set(failures))
      run.print(`  ${failures.filter((f) => f === failure).length} × ${failure}`);
    if (loss > LOSS_LIMIT) break;
    held = n;
  }
  run.target({
    name: `callers leaving a message at once with loss ≤ ${LOSS_LIMIT * 100} %`,
    measured: held,
    bound: '≥',
    limit: TARGET_CALLERS,
    unit: 'callers',
  });
});
