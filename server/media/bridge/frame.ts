// What travels between two anchor points: one RTP packet's audio with the timing a receiver
// needs, whichever phone it came from.
import type { AnchorPoint, AudioCodec } from '../../sip/calls/media-anchor';

export interface MediaFrame {
  codec: AudioCodec;
  payload: Buffer;
  sequence: number;
  timestamp: number;
  /** How long it lasts, in its codec's RTP clock (8 kHz for G.711, 48 kHz for Opus). */
  samples: number;
  /** The stream it came from (newStreamSource's number for it): a new one restarts the receiver's timing. */
  source: number;
}

let lastSource = 0;

/**
 * A number no other stream through the agent has. A phone's SSRC names its stream only within its
 * own RTP session: two phones may pick the same one, and a point re-patched from one to the other
 * (a transfer) must take the second for a new talker, not for late packets of the first.
 */
export const newStreamSource = (): number => ++lastSource;

/** What a point hears from its phone, each stream (SSRC) named by newStreamSource as it starts. */
export class IncomingStreams {
  private ssrc: number | null = null;
  private source = 0;

  sourceOf(ssrc: number): number {
    if (ssrc !== this.ssrc) {
      this.ssrc = ssrc;
      this.source = newStreamSource();
    }
    return this.source;
  }
}

/** An anchor point as a bridge sees it: what its phone says, and a way to speak to it. */
export interface BridgedPoint extends AnchorPoint {
  onMedia: ((frame: MediaFrame) => void) | null;
  /** Sends a frame in the point's codec; dropped while the phone is not to be sent audio. */
  send(frame: MediaFrame): void;
  /** Music plays to the point (hold-music.ts): its bridge sends it nothing meanwhile. */
  playing: boolean;
}

export const CLOCK_RATE: Record<AudioCodec, number> = { PCMU: 8000, PCMA: 8000, opus: 48_000 };
