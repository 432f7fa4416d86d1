// npm run bench:bridge — how many softphone ↔ desk-phone calls the media agent holds at once.
//
// An office on loopback with its media agent; in a separate process (bench/bridge-peers.ts, so
// that the office's CPU is measured alone) N softphones (sip.js over WebSocket, werift WebRTC:
// ICE, DTLS-SRTP) each call their own desk phone (raw UDP SIP, plain RTP G.711) at once, and
// every phone sends a tone for WINDOW_SECONDS. Each call is anchored in the agent. N rises
// through the rounds until packet loss passes 1 %, the jitter the path adds passes 20 ms (RFC
// 3550 interarrival jitter, 95th percentile over the calls' directions), or the median one-way
// delay passes 150 ms (ITU-T G.114's limit for good conversation: a queue that grows because
// something falls behind shows there before it loses packets). Printed for each round: the
// calls connected, loss, added jitter, every packet's one-way delay through the office (sender
// to receiver: the bridge's share and both phones' own) and its variation (RFC 5481 PDV), the
// office process's CPU per call, and how late each process's event loop ran (which one is
// behind). First with G.711 passed through (the
// softphones offer Chromium's Opus, PCMU, PCMA: the agent picks µ-law), then with softphones that
// offer Opus alone, which the agent transcodes to and from G.711.
// BENCH_BRIDGE_PROFILE_DIR=dir writes a CPU profile of the office (the bench process) over each
// round's measured window; BENCH_LOG=1 prints the office's warnings.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import { runBench, type BenchRun } from './harness';
import { openBenchOffice, seedUsers, type SeededUser } from './seed';
import { startSipService, type SipService } from '../server/sip/service';
import { freeTcpPort } from '../server/free-port';
import type { AudioCodec } from '../server/sip/calls/media-anchor';
import type { PeersJob, PeersResult } from './bridge-peers';
import { PeersProcess } from './peers-process';

const DOMAIN = 'office.example.com';
const MODES: { name: string; codecs: AudioCodec[]; rounds: number[]; target: number | null }[] = [
  {
    name: 'G.711 passed through',
    codecs: ['opus', 'PCMU', 'PCMA'],
    rounds: [25, 50, 100, 150, 200, 250],
    target: 100,
  },
  { name: 'Opus ↔ G.711 transcoded', codecs: ['opus'], rounds: [10, 25, 50, 75, 100, 150], target: null },
];
const WINDOW_SECONDS = 8;
const LOSS_LIMIT = 0.01;
const JITTER_LIMIT_MS = 20;
const DELAY_LIMIT_MS = 150;

const peers = new PeersProcess<PeersJob, PeersResult>('bench/bridge-peers.ts');

/** CPU profiles of the office over each round's window, when BENCH_BRIDGE_PROFILE_DIR names a folder. */
class WindowProfiler {
  private readonly session: Session | null;

  constructor(private readonly dir: string | undefined) {
    this.session = dir ? new Session() : null;
    this.session?.connect();
  }

  async start(): Promise<void> {
    if (!this.session) return;
    await this.session.post('Profiler.enable');
    await this.session.post('Profiler.start');
  }

  /** Writes the window's profile; says where. */
  async stop(name: string): Promise<string | null> {
    if (!this.session || !this.dir) return null;
    const { profile } = await this.session.post('Profiler.stop');
    const file = path.join(this.dir, `bridge-${name}-${Date.now()}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    return file;
  }
}

async function rounds(
  run: BenchRun,
  sip: SipService,
  mode: (typeof MODES)[number],
  pairs: PeersJob['pairs'],
  profiler: WindowProfiler,
): Promise<number> {
  let held = 0;
  for (const n of mode.rounds) {
    run.step(`${n} calls at once, ${mode.name}`);
    let cpuAtStart = process.cpuUsage();
    let cpu = { user: 0, system: 0 };
    const loop = monitorEventLoopDelay({ resolution: 10 });
    let measuredMs = 0;
    let startedAt = 0;
    const result = await peers.run(
      {
        domain: DOMAIN,
        sipPort: sip.ports.udp,
        websocket: `ws://127.0.0.1:${sip.ports.ws}`,
        codecs: mode.codecs,
        seconds: WINDOW_SECONDS,
        pairs: pairs.slice(0, n),
      },
      (edge) => {
        if (edge === 'start') {
          cpuAtStart = process.cpuUsage();
          startedAt = performance.now();
          loop.enable();
          void profiler.start();
        } else {
          cpu = process.cpuUsage(cpuAtStart);
          measuredMs = performance.now() - startedAt;
          loop.disable();
          void profiler
            .stop(`${mode.codecs.length === 1 ? 'transcoded' : 'passed'}-${n}`)
            .then((file) => file && run.print(`CPU profile of the office over the window: ${file}`));
        }
      },
    );
    const connected = result.connected;
    const cpuMsPerCallSecond = (cpu.user + cpu.system) / 1000 / Math.max(1, connected) / (measuredMs / 1000);
    run.print(
      `N=${String(n).padStart(3)}  connected ${connected}/${n}${result.retries ? ` (${result.retries} placed again)` : ''}  loss ${(result.loss * 100).toFixed(2)} %  ` +
        `added jitter p95 ${result.addedJitterP95.toFixed(1)} ms (max ${result.addedJitterMax.toFixed(1)})  ` +
        `delay p50 ${result.delayP50.toFixed(1)} ms p99 ${result.delayP99.toFixed(1)} ms (PDV p95 ${result.delayVariationP95.toFixed(1)} ms)  ` +
        `office CPU ${cpuMsPerCallSecond.toFixed(2)} ms per call-second (${(cpuMsPerCallSecond / 10).toFixed(2)} % of a core per call; ` +
        `${((cpuMsPerCallSecond * connected) / 10).toFixed(0)} % of a core in all, the phones' process ${(result.cpuMsPerSecond / 10).toFixed(0)} %)  ` +
        `event loops p99: office ${(loop.percentile(99) / 1e6).toFixed(1)} ms, phones ${result.eventLoopDelayP99.toFixed(1)} ms`,
    );
    for (const failure of new Set(result.failures))
      run.print(`  ${result.failures.filter((f) => f === failure).length} × ${failure}`);
    await waitForPoints(sip);
    const kept =
      connected === n &&
      result.loss <= LOSS_LIMIT &&
      result.addedJitterP95 <= JITTER_LIMIT_MS &&
      result.delayP50 <= DELAY_LIMIT_MS;
    if (!kept) break;
    held = n;
  }
  return held;
}

/** The calls of a round are over once the agent holds no point: the next round starts clean. */
async function waitForPoints(sip: SipService): Promise<void> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
    if (sip.media!.anchors.openPoints === 0 && sip.calls.activeCalls === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${sip.media!.anchors.openPoints} anchor points still open after the round`);
}

await runBench('bench:bridge', 900, async (run) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-bridge-'));
  run.onCleanUp('the data folder', () => rm(dataDir, { recursive: true, force: true }));
  run.onCleanUp("the peers' process", () => peers.kill());
  const most = Math.max(...MODES.flatMap((mode) => mode.rounds));
  run.step(
    `seeding ${most} softphone and ${most} desk-phone users, starting the office with its media agent`,
  );
  const office = await openBenchOffice(dataDir, 0, DOMAIN, await freeTcpPort());
  run.onCleanUp('the office', () => office.close());
  const users = await seedUsers(office.db, office.secrets, {
    count: 2 * most,
    password: 'Bench-Bridge-Pass-42',
    firstEmail: 'first@example.com',
    firstName: 'First Softphone',
    deskPhonesFrom: most,
  });
  const credentials = (user: SeededUser) => ({
    extension: user.extension,
    sipUsername: user.sipUsername,
    sipPassword: user.sipPassword,
  });
  const pairs = users
    .slice(0, most)
    .map((user, i) => ({ softphone: credentials(user), desk: credentials(users[most + i]!) }));
  const sip = await startSipService(office, {
    media: { maxSessions: 4, rtpPorts: [40_000, 45_999], silenceSeconds: 5, maxAnchoredCalls: most + 10 },
  });
  run.onCleanUp('the SIP service', () => sip.close());
  const profiler = new WindowProfiler(process.env.BENCH_BRIDGE_PROFILE_DIR);
  run.print(
    `${os.cpus().length} cores; ${WINDOW_SECONDS} s measured per round, every phone sending 20 ms packets`,
  );
  for (const mode of MODES) {
    const held = await rounds(run, sip, mode, pairs, profiler);
    if (mode.target === null) run.print(`largest number of calls held, ${mode.name}: ${held}`);
    else
      run.target({
        name: `calls held at once, ${mode.name} (loss ≤ 1 %, added jitter ≤ ${JITTER_LIMIT_MS} ms, delay ≤ ${DELAY_LIMIT_MS} ms)`,
        measured: held,
        bound: '≥',
        limit: mode.target,
        unit: 'calls',
      });
  }
});
