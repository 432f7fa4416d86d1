// The callers of `npm run bench:conference`, in a process of their own so that the office's CPU
// is measured alone: desk phones (raw UDP SIP, G.711 RTP) and, with `softphoneEvery`, the app's
// softphones (sip.js over WebSocket, werift WebRTC with Opus) dial their bridges, all at once,
// each playing a tone of its own. Reads the job as JSON on stdin; prints `measuring` once every
// caller is in and past the bridge's greeting, `measured` when the window ends, then one JSON
// line of figures: what each caller received of its mix (loss from the gaps in the sequence
// numbers, RFC 3550 interarrival jitter of the arrivals).
import type { Session } from 'sip.js';
import { DeskPhone } from '../tests/sip/udp-desk-phone';
import { TestPhone } from '../tests/sip/softphone';
import { WebRtcMedia } from '../tests/sip/webrtc-media';
import type { Arrival } from '../tests/support/media-peers';
import { jitterOf, percentile } from './bridge-figures';
import { measureWindow, readJob } from './peers-process';

export interface Credentials {
  extension: string;
  sipUsername: string;
  sipPassword: string;
}

export interface ConferencePeersJob {
  domain: string;
  sipPort: number;
  websocket: string;
  seconds: number;
  /** Every so many callers one is a softphone (0: desk phones only). */
  softphoneEvery: number;
  /** Each bridge's extension and the callers who dial it. */
  conferences: { extension: string; callers: Credentials[] }[];
}

export interface ConferencePeersResult {
  joined: number;
  failures: string[];
  /** Frames of the mixes that did not arrive, of those the agent numbered in the window. */
  loss: number;
  /** RFC 3550 jitter of each caller's mix as it arrived, ms. */
  jitterP95: number;
  jitterMax: number;
  eventLoopDelayP99: number;
  cpuMsPerSecond: number;
}

const SETUP_BATCH = 20;
/** Past the bridge's count announcement, and the mixes' queues settled. */
const WARM_UP_MS = 6000;

const job = await readJob<ConferencePeersJob>();

interface Caller {
  /** What the caller heard, and the RTP clock of it. */
  arrivals: Arrival[];
  clock: number;
  hangUp(): Promise<void>;
}

async function deskCaller(bridge: string, credentials: Credentials, hz: number): Promise<Caller | string> {
  const desk = await DeskPhone.start(job.sipPort, credentials.extension, credentials);
  desk.media.hearing.keepSamples = false;
  desk.media.play(hz);
  const { response, dialog } = await desk.dial(bridge);
  if (response.status !== 200 || !dialog) {
    desk.close();
    return `desk phone answered ${response.status}`;
  }
  return {
    arrivals: desk.media.hearing.arrivals,
    clock: 8000,
    hangUp: async () => {
      await desk.bye(dialog).catch(() => undefined);
      desk.close();
    },
  };
}

async function softphoneCaller(
  bridge: string,
  credentials: Credentials,
  hz: number,
): Promise<Caller | string> {
  const media = new WebRtcMedia(hz, { keepSamples: false });
  const phone = await TestPhone.start(
    `bench-${credentials.extension}`,
    {
      sipUri: `sip:${credentials.extension}@${job.domain}`,
      authorizationUsername: credentials.sipUsername,
      password: credentials.sipPassword,
      websocketServer: job.websocket,
    },
    media.factory,
  );
  const { session, final } = phone.dial(`sip:${bridge}@${job.domain}`);
  const status = await final;
  const stop = async (call: Session | null) => {
    await call?.bye().catch(() => undefined);
    await phone.stop().catch(() => undefined);
    await media.close();
  };
  if (status !== 200) {
    await stop(null);
    return `softphone answered ${status}`;
  }
  const peer = media.of(session);
  if (
    !(await peer.connectedSoon(15_000).then(
      () => true,
      () => false,
    ))
  ) {
    await stop(session);
    return `softphone media not connected in 15 s (ICE ${peer.iceState})`;
  }
  return { arrivals: peer.hearing.arrivals, clock: 48_000, hangUp: () => stop(session) };
}

const everyone = job.conferences.flatMap((conference) =>
  conference.callers.map((credentials) => ({ bridge: conference.extension, credentials })),
);
const callers: Caller[] = [];
const failures: string[] = [];
for (let at = 0; at < everyone.length; at += SETUP_BATCH) {
  const placed = await Promise.all(
    everyone.slice(at, at + SETUP_BATCH).map(({ bridge, credentials }, j) => {
      const index = at + j;
      // Tones 10 Hz apart from 300 Hz: every caller's own.
      const hz = 300 + (index % 150) * 10;
      const softphone = job.softphoneEvery > 0 && index % job.softphoneEvery === job.softphoneEvery - 1;
      return (softphone ? softphoneCaller : deskCaller)(bridge, credentials, hz).catch((error: unknown) =>
        String(error),
      );
    }),
  );
  for (const result of placed) {
    if (typeof result === 'string') failures.push(result);
    else callers.push(result);
  }
}
const { from, to, eventLoopDelayP99, cpuMsPerSecond } = await measureWindow(WARM_UP_MS, job.seconds);

let received = 0;
let expected = 0;
const jitters: number[] = [];
for (const caller of callers) {
  const got = caller.arrivals.filter((a) => a.at >= from && a.at <= to);
  if (got.length === 0) {
    expected += job.seconds * 50;
    continue;
  }
  // The agent numbers its frames one by one: a gap in the numbers is a frame lost.
  let span = 0;
  for (let i = 1; i < got.length; i++) span += (got[i]!.sequence - got[i - 1]!.sequence) & 0xffff;
  received += got.length;
  expected += span + 1;
  jitters.push(jitterOf(got, caller.clock));
}
// A caller who never got in lost all of it.
expected += (everyone.length - callers.length) * job.seconds * 50;
const result: ConferencePeersResult = {
  joined: callers.length,
  failures,
  loss: expected === 0 ? 1 : Math.max(0, 1 - received / expected),
  jitterP95: percentile(jitters, 95),
  jitterMax: Math.max(0, ...jitters),
  eventLoopDelayP99,
  cpuMsPerSecond,
};
await Promise.all(callers.map((caller) => caller.hangUp()));
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
