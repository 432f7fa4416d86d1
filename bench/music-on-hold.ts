// npm run bench:music-on-hold — what music on hold costs the media agent: many held desk phones
// at once, each fed the looping music as G.711 from its own RTP point (real UDP on loopback, one
// sink socket per phone counting what arrives), and held softphones' share, the Opus encoding
// (the same playback into points that only count, so the cost is the encoder's).
// Targets on a 2-core machine: 200 held desk phones fed at once with ≥ 99 % of their frames
// arriving and the agent's CPU ≤ 30 % of one core; Opus for 50 held softphones ≤ 40 % of a core.
import dgram from 'node:dgram';
import { silentLogger } from '../server/logger';
import { playMusic, type MusicPlayback } from '../server/media/bridge/hold-music';
import type { BridgedPoint, MediaFrame } from '../server/media/bridge/frame';
import { RtpPoint } from '../server/media/bridge/rtp-point';
import { plainRtpSdp } from '../server/media/sdp';
import { Ticker } from '../server/media/ticker';
import { runBench } from './harness';

const HELD_DESK_PHONES = 200;
const HELD_SOFTPHONES = 50;
const SECONDS = 10;
const FRAMES_PER_SECOND = 50;
const TARGET = { deliveredPercent: 99, g711CorePercent: 30, opusCorePercent: 40 };

/** Ten seconds of a 440 Hz tone at 8 kHz: what the office keeps after an upload. */
const music = Int16Array.from({ length: 8000 * 10 }, (_, i) =>
  Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000)),
);

const bound = (socket: dgram.Socket) =>
  new Promise<number>((resolve) => socket.bind(0, '127.0.0.1', () => resolve(socket.address().port)));

/** CPU time the process used while `work` ran for `seconds`, as a percentage of one core. */
async function corePercent(seconds: number, work: () => () => void): Promise<number> {
  const before = process.cpuUsage();
  const started = performance.now();
  const stop = work();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  stop();
  const used = process.cpuUsage(before);
  return ((used.user + used.system) / 1000 / (performance.now() - started)) * 100;
}

await runBench('bench:music-on-hold', 120, async (run) => {
  const ticker = new Ticker();
  run.step(`${HELD_DESK_PHONES} held desk phones, ${SECONDS} s of music each (PCMU over UDP)`);
  const received = new Array<number>(HELD_DESK_PHONES).fill(0);
  const points: RtpPoint[] = [];
  const sinks: dgram.Socket[] = [];
  run.onCleanUp('the sockets', () => {
    for (const point of points) point.close();
    for (const sink of sinks) sink.close();
  });
  for (let i = 0; i < HELD_DESK_PHONES; i++) {
    const sink = dgram.createSocket('udp4');
    sinks.push(sink);
    sink.on('message', () => received[i]!++);
    const phonePort = await bound(sink);
    const socket = dgram.createSocket('udp4');
    await bound(socket);
    const point = new RtpPoint(socket, '127.0.0.1', ticker, silentLogger, () => undefined);
    points.push(point);
    const offer = plainRtpSdp({
      address: '127.0.0.1',
      port: phonePort,
      sessionId: i + 1,
      version: 1,
      sessionName: 'held',
      formats: [{ law: 'PCMU', payloadType: 0 }],
      telephoneEvent: null,
      direction: 'recvonly',
    });
    if (!(await point.answer(offer, ['PCMU']))) throw new Error('the point did not take the phone’s offer');
  }
  const g711 = await corePercent(SECONDS, () => {
    const playing = points.map((point) => playMusic(ticker, point, music));
    return () => playing.forEach((playback) => playback.stop());
  });
  await new Promise((resolve) => setTimeout(resolve, 200));
  const delivered =
    (received.reduce((sum, count) => sum + count, 0) / (HELD_DESK_PHONES * SECONDS * FRAMES_PER_SECOND)) *
    100;
  run.print(`frames delivered: ${delivered.toFixed(2)} %; least to one phone: ${Math.min(...received)}`);
  run.target({
    name: 'frames delivered',
    measured: delivered,
    bound: '≥',
    limit: TARGET.deliveredPercent,
    unit: '%',
  });
  run.target({
    name: `CPU for ${HELD_DESK_PHONES} held desk phones`,
    measured: g711,
    bound: '≤',
    limit: TARGET.g711CorePercent,
    unit: '% of a core',
  });

  run.step(`${HELD_SOFTPHONES} held softphones: the Opus encoding of the music`);
  let opusFrames = 0;
  const counting = (): BridgedPoint =>
    ({
      codec: 'opus',
      playing: false,
      send: (frame: MediaFrame) => {
        if (frame.payload.length > 0) opusFrames++;
      },
    }) as unknown as BridgedPoint;
  let playbacks: MusicPlayback[] = [];
  const opus = await corePercent(SECONDS, () => {
    playbacks = Array.from({ length: HELD_SOFTPHONES }, () => playMusic(ticker, counting(), music));
    return () => playbacks.forEach((playback) => playback.stop());
  });
  run.print(
    `Opus frames encoded: ${opusFrames} (${((opusFrames / (HELD_SOFTPHONES * SECONDS * FRAMES_PER_SECOND)) * 100).toFixed(1)} % of the 20 ms frames due)`,
  );
  run.target({
    name: `CPU for ${HELD_SOFTPHONES} held softphones (Opus)`,
    measured: opus,
    bound: '≤',
    limit: TARGET.opusCorePercent,
    unit: '% of a core',
  });
});
