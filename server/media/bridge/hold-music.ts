// Music played to an anchor point: the held party of a call, or a ring group's caller while the
// members ring. It loops, one 20 ms frame a tick of the agent's shared clock, in the codec the
// point sends (G.711 straight from the 8 kHz samples, Opus through a transcoder), as a stream of
// its own (a new SSRC to the point's outgoing stream, so the phone's jitter buffer restarts
// cleanly). While it plays, the point's bridge sends it nothing (relay.ts): the phone hears the
// music alone. It stops when told (resume, hang-up), and sends nothing once the point closes.
import { randomInt } from 'node:crypto';
import type { AudioCodec } from '../../sip/calls/media-anchor';
import { encodeG711 } from '../g711';
import type { Ticker } from '../ticker';
import { newStreamSource, type BridgedPoint, type MediaFrame } from './frame';
import { Transcoder } from './transcode';

const FRAME_SAMPLES = 160; // 20 ms at 8 kHz

export interface MusicPlayback {
  stop(): void;
}

/**
 * Plays `samples` (8 kHz) to `point` in a loop until stopped, or only once (a key's tone), `once`
 * then told when it is over.
 */
export function playMusic(
  ticker: Ticker,
  point: BridgedPoint,
  samples: Int16Array,
  once: { done(): void } | null = null,
): MusicPlayback {
  if (samples.length === 0) return { stop: () => undefined };
  const source = newStreamSource();
  let at = 0;
  let sequence = randomInt(0, 2 ** 16);
  let timestamp = randomInt(0, 2 ** 32);
  let opus: Transcoder | null = null;
  point.playing = true;
  const stopTicking = ticker.add(() => {
    const codec: AudioCodec | null = point.codec;
    if (once && at >= samples.length) {
      playback.stop();
      return once.done();
    }
    const pcm = new Int16Array(FRAME_SAMPLES);
    for (let i = 0; i < FRAME_SAMPLES; i++, at++)
      pcm[i] = once ? (samples[at] ?? 0) : samples[at % samples.length]!;
    const frame: MediaFrame = {
      codec: codec === 'PCMA' ? 'PCMA' : 'PCMU',
      payload: encodeG711(codec === 'PCMA' ? 'PCMA' : 'PCMU', pcm),
      sequence,
      timestamp,
      samples: FRAME_SAMPLES,
      source,
    };
    sequence = (sequence + 1) & 0xffff;
    timestamp = (timestamp + FRAME_SAMPLES) >>> 0;
    if (codec === null) return;
    if (codec !== 'opus') return point.send(frame);
    opus ??= new Transcoder('PCMU', 'opus');
    for (const converted of opus.convert(frame)) point.send(converted);
  });
  let stopped = false;
  const playback = {
    stop: () => {
      if (stopped) return;
      stopped = true;
      stopTicking();
      point.playing = false;
    },
  };
  return playback;
}
