// npm run bench:conference — how many callers the media agent's conference mixer holds.
//
// An office on loopback with its media agent; in a separate process (bench/conference-peers.ts,
// so that the office's CPU is measured alone) callers dial conference bridges, all at once, and
// each sends a tone of its own for WINDOW_SECONDS. Two shapes, each growing round by round until
// it breaks: one conference of N callers, and N conferences of five. A round is held while less
// than 1 % of the mix is lost, counting both ways (frames of the mixes that did not arrive, and
// frames the mixer found no audio for from a caller who was talking), and the jitter the mixes
// arrive with (RFC 3550, 95th percentile over the callers) stays under 20 ms: the agent sends
// each mix on its 20 ms ticker, so any jitter there is the office falling behind. Printed for
// each round: callers in, loss each way, jitter, the office process's CPU per caller, and how
// late each process's event loop ran. One caller in five is the app's softphone (WebRTC with
// Opus) and the others desk phones (G.711), as an office's bridge would have them; with
// BENCH_CONFERENCE_SOFTPHONES=0 all are desk phones.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import { runBench, type BenchRun } from './harness';
import { openBenchOffice, seedUsers } from './seed';
import { startSipService, type SipService } from '../server/sip/service';
import { freeTcpPort } from '../server/free-port';
import { insertConference } from '../server/directory/conferences';
import { MAX_CONFERENCE_PARTICIPANTS } from '../common/api/conferences';
import type { Office } from '../server/office-services';
import { PeersProcess } from './peers-process';
import type { ConferencePeersJob, ConferencePeersResult, Credentials } from './conference-peers';

const DOMAIN = 'office.example.com';
const WINDOW_SECONDS = 8;
const LOSS_LIMIT = 0.01;
const JITTER_LIMIT_MS = 20;
/** Callers in all, in either shape. */
const TARGET = 60;
const SHAPES = [
  { name: 'one conference', size: (n: number) => [n], rounds: [10, 20, 40, 60, 80, 100] },
  {
    name: 'conferences of five',
    size: (n: number) => Array.from({ length: n / 5 }, () => 5),
    rounds: [20, 40, 60, 80, 100],
  },
];
const MOST = Math.max(...SHAPES.flatMap((shape) => shape.rounds));
const SOFTPHONE_EVERY = Number(process.env.BENCH_CONFERENCE_SOFTPHONES ?? 5);

const peers = new PeersProcess<ConferencePeersJob, ConferencePeersResult>('bench/conference-peers.ts');

/** Bridges for a round: one per group of callers, each with room for them all. */
async function bridges(office: Office, sizes: number[]): Promise<string[]> {
  const extensions: string[] = [];
  for (const [i, size] of sizes.entries()) {
    const id = await insertConference(
      office.db,
      {
        name: `Bench ${Date.now()}-${i}`,
        maxParticipants: Math.min(MAX_CONFERENCE_PARTICIPANTS, Math.max(2, size)),
      },
      Date.now(),
    );
    const row = await office.db
      .selectFrom('conferences')
      .innerJoin('extensions', 'extensions.id', 'conferences.extension_id')
      .select('extensions.number')
      .where('conferences.id', '=', id)
      .executeTakeFirstOrThrow();
    extensions.push(row.number);
  }
  return extensions;
}

async function rounds(
  run: BenchRun,
  office: Office,
  sip: SipService,
  shape: (typeof SHAPES)[number],
  callers: Credentials[],
): Promise<number> {
  let held = 0;
  for (const n of shape.rounds) {
    const sizes = shape.size(n);
    run.step(`${n} callers, ${shape.name} (${sizes.length} bridge${sizes.length > 1 ? 's' : ''})`);
    const extensions = await bridges(office, sizes);
    let at = 0;
    const conferences = sizes.map((size, i) => ({
      extension: extensions[i]!,
      callers: callers.slice(at, (at += size)),
    }));
    const rooms = office.runningSip.conferences;
    if (!rooms) throw new Error('the office runs no conferences: is its media agent on?');
    let cpuAtStart = process.cpuUsage();
    let cpu = { user: 0, system: 0 };
    let audioAtStart = rooms.audio();
    let audio = { frames: 0, gaps: 0 };
    const loop = monitorEventLoopDelay({ resolution: 10 });
    let measuredMs = 0;
    let startedAt = 0;
    let inAtStart = 0;
    const result = await peers.run(
      {
        domain: DOMAIN,
        sipPort: sip.ports.udp,
        websocket: `ws://127.0.0.1:${sip.ports.ws}`,
        seconds: WINDOW_SECONDS,
        softphoneEvery: SOFTPHONE_EVERY,
        conferences,
      },
      (edge) => {
        if (edge === 'start') {
          cpuAtStart = process.cpuUsage();
          audioAtStart = rooms.audio();
          inAtStart = rooms.activeParticipants;
          startedAt = performance.now();
          loop.enable();
        } else {
          cpu = process.cpuUsage(cpuAtStart);
          const now = rooms.audio();
          audio = { frames: now.frames - audioAtStart.frames, gaps: now.gaps - audioAtStart.gaps };
          measuredMs = performance.now() - startedAt;
          loop.disable();
        }
      },
    );
    const inbound = audio.frames === 0 ? 1 : audio.gaps / audio.frames;
    const loss = result.loss + inbound;
    const cpuMsPerCallerSecond =
      (cpu.user + cpu.system) / 1000 / Math.max(1, inAtStart) / (measuredMs / 1000);
    run.print(
      `N=${String(n).padStart(3)}  in ${inAtStart}/${n}  loss ${(loss * 100).toFixed(2)} % ` +
        `(mixes lost ${(result.loss * 100).toFixed(2)} %, callers' audio missing at the mixer ${(inbound * 100).toFixed(2)} %)  ` +
        `jitter p95 ${result.jitterP95.toFixed(1)} ms (max ${result.jitterMax.toFixed(1)})  ` +
        `office CPU ${cpuMsPerCallerSecond.toFixed(2)} ms per caller-second (${(cpuMsPerCallerSecond / 10).toFixed(2)} % of a core per caller; ` +
        `${((cpuMsPerCallerSecond * inAtStart) / 10).toFixed(0)} % of a core in all, the callers' process ${(result.cpuMsPerSecond / 10).toFixed(0)} %)  ` +
        `event loops p99: office ${(loop.percentile(99) / 1e6).toFixed(1)} ms, callers ${result.eventLoopDelayP99.toFixed(1)} ms`,
    );
    for (const failure of new Set(result.failures))
      run.print(`  ${result.failures.filter((f) => f === failure).length} × ${failure}`);
    await emptied(sip);
    const kept =
      inAtStart === n && result.joined === n && loss <= LOSS_LIMIT && result.jitterP95 <= JITTER_LIMIT_MS;
    if (!kept) break;
    held = n;
  }
  return held;
}

/** A round is over once the agent holds no session: the next one starts clean. */
async function emptied(sip: SipService): Promise<void> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
    if (sip.media!.activeSessions === 0 && sip.calls.activeCalls === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${sip.media!.activeSessions} agent sessions still open after the round`);
}

await runBench('bench:conference', 900, async (run) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-conference-'));
  run.onCleanUp('the data folder', () => rm(dataDir, { recursive: true, force: true }));
  run.onCleanUp("the callers' process", () => peers.kill());
  run.step(`seeding ${MOST} users with a phone each, starting the office with its media agent`);
  const office = await openBenchOffice(dataDir, 0, DOMAIN, await freeTcpPort());
  run.onCleanUp('the office', () => office.close());
  const users = await seedUsers(office.db, office.secrets, {
    count: MOST,
    password: 'Bench-Conference-Pass-42',
    firstEmail: 'first@example.com',
    firstName: 'First Caller',
    // The office does not tell the two kinds apart on a call: desk-phone devices serve both.
    deskPhonesFrom: 0,
  });
  const callers = users.map((user) => ({
    extension: user.extension,
    sipUsername: user.sipUsername,
    sipPassword: user.sipPassword,
  }));
  const sip = await startSipService(office, {
    media: { maxSessions: MOST + 10, rtpPorts: [40_000, 45_999], silenceSeconds: 5, maxAnchoredCalls: 10 },
    conferences: {
      maxConferences: MOST,
      maxParticipants: MOST + 10,
      keySeconds: 10,
      callSeconds: 3600,
      mediaTimeoutSeconds: 60,
    },
  });
  run.onCleanUp('the SIP service', () => sip.close());
  run.print(
    `${os.cpus().length} cores; ${WINDOW_SECONDS} s measured per round, every caller sending 20 ms packets; ` +
      (SOFTPHONE_EVERY > 0 ? `one caller in ${SOFTPHONE_EVERY} a WebRTC softphone` : 'desk phones only'),
  );
  for (const shape of SHAPES) {
    const held = await rounds(run, office, sip, shape, callers);
    run.target({
      name: `callers held, ${shape.name} (loss < 1 %, jitter < ${JITTER_LIMIT_MS} ms)`,
      measured: held,
      bound: '≥',
      limit: TARGET,
      unit: 'callers',
    });
  }
});
