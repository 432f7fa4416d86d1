// The phones of `npm run bench:bridge`, in a process of their own so that the office's CPU is
// measured alone: N softphones (sip.js over WebSocket, werift WebRTC media) each call their own
// desk phone (raw UDP SIP, G.711 RTP), all at once, and every phone plays a tone with a loud
// marker frame each second. Reads the job as JSON on stdin; prints `measuring` once every call
// is connected and its media flowing, `measured` when the window ends, then one JSON line of
// figures.
import { DeskPhone } from '../tests/sip/udp-desk-phone';
import { TestPhone } from '../tests/sip/softphone';
import { WebRtcMedia } from '../tests/sip/webrtc-media';
import type { AudioCodec } from '../server/sip/calls/media-anchor';
import { measureWindow, readJob } from './peers-process';
import { MARK_EVERY, percentile, streamFigures, type StreamFigures } from './bridge-figures';

export interface PeersJob {
  domain: string;
  sipPort: number;
  websocket: string;
  /** Chromium's codecs, or Opus alone (the agent then transcodes). */
  codecs: AudioCodec[];
  seconds: number;
  pairs: {
    softphone: { extension: string; sipUsername: string; sipPassword: string };
    desk: { extension: string; sipUsername: string; sipPassword: string };
  }[];
}

export interface PeersResult {
  connected: number;
  /** Calls placed a second time because their media did not come up the first. */
  retries: number;
  failures: string[];
  loss: number;
  /** RFC 3550 jitter the path added, over every direction of every call, ms. */
  addedJitterP95: number;
  addedJitterMax: number;
  /** Delay variation (RFC 5481 PDV), 95th percentile over the directions, ms. */
  delayVariationP95: number;
  /** One-way delay of every packet, sender to receiver, ms. */
  delayP50: number;
  delayP99: number;
  /** How late this process's own event loop ran in the window, ms (is it the one behind?). */
  eventLoopDelayP99: number;
  /** This process's CPU over the window, ms per second (the phones' share of the machine). */
  cpuMsPerSecond: number;
}

const SETUP_BATCH = 20;
const WARM_UP_MS = 1500;

const job = await readJob<PeersJob>();

interface Call {
  softphone: TestPhone;
  media: WebRtcMedia;
  desk: DeskPhone;
  session: ReturnType<TestPhone['dial']>['session'];
}

let retries = 0;

async function placeCall(pair: PeersJob['pairs'][number], index: number): Promise<Call | string> {
  const media = new WebRtcMedia(400 + (index % 40) * 10, {
    codecs: job.codecs,
    markEvery: MARK_EVERY,
    keepSamples: false,
  });
  const desk = await DeskPhone.start(job.sipPort, pair.desk.extension, pair.desk);
  desk.media.hearing.keepSamples = false;
  desk.media.play(1000, MARK_EVERY);
  const softphone = await TestPhone.start(
    `bench-${index}`,
    {
      sipUri: `sip:${pair.softphone.extension}@${job.domain}`,
      authorizationUsername: pair.softphone.sipUsername,
      password: pair.softphone.sipPassword,
      websocketServer: job.websocket,
    },
    media.factory,
  );
  // A call whose media does not come up (a DTLS handshake lost on a machine this busy) is
  // placed again once, as a person would; the retry is counted.
  for (let attempt = 1; ; attempt++) {
    const { session, final } = softphone.dial(`sip:${pair.desk.extension}@${job.domain}`);
    desk.answer(await desk.nextInvite(10_000));
    const status = await final;
    if (status !== 200) return `INVITE answered ${status}`;
    const peer = media.of(session);
    const up = await peer.connectedSoon(15_000).then(
      () => true,
      () => false,
    );
    if (up) return { softphone, media, desk, session };
    if (attempt === 2) return `media not connected in 15 s, twice (ICE ${peer.iceState})`;
    retries++;
    await session.bye().catch(() => undefined);
  }
}

const calls: Call[] = [];
const failures: string[] = [];
for (let at = 0; at < job.pairs.length; at += SETUP_BATCH) {
  const placed = await Promise.all(
    job.pairs
      .slice(at, at + SETUP_BATCH)
      .map((pair, i) => placeCall(pair, at + i).catch((error: unknown) => String(error))),
  );
  for (const result of placed) {
    if (typeof result === 'string') failures.push(result);
    else calls.push(result);
  }
}
const { from, to, eventLoopDelayP99, cpuMsPerSecond } = await measureWindow(WARM_UP_MS, job.seconds);

const figures: StreamFigures[] = [];
for (const call of calls) {
  const peer = call.media.of(call.session);
  const softClock = job.codecs.length === 1 && job.codecs[0] === 'opus' ? 48_000 : 8000;
  // Softphone → desk phone, then desk phone → softphone.
  figures.push(streamFigures(peer.sent, call.desk.media.hearing.arrivals, from, to, softClock, 8000));
  figures.push(streamFigures(call.desk.media.sent, peer.hearing.arrivals, from, to, 8000, softClock));
}
// A call that never connected lost everything it would have carried.
const lostCalls = job.pairs.length - calls.length;
const perDirection = job.seconds * 50;
const received = figures.reduce((sum, f) => sum + f.received, 0);
const expected = figures.reduce((sum, f) => sum + f.expected, 0) + lostCalls * 2 * perDirection;
const jitters = figures.map((f) => f.addedJitter);
const delays = figures.flatMap((f) => f.delays);
const result: PeersResult = {
  connected: calls.length,
  retries,
  failures,
  loss: expected === 0 ? 1 : Math.max(0, 1 - received / expected),
  addedJitterP95: percentile(jitters, 95),
  addedJitterMax: Math.max(0, ...jitters),
  delayVariationP95: percentile(
    figures.map((f) => f.variation),
    95,
  ),
  delayP50: percentile(delays, 50),
  delayP99: percentile(delays, 99),
  eventLoopDelayP99,
  cpuMsPerSecond,
};
await Promise.all(
  calls.map(async (call) => {
    await call.session.bye().catch(() => undefined);
    await call.softphone.stop().catch(() => undefined);
    await call.media.close();
    call.desk.close();
  }),
);
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
