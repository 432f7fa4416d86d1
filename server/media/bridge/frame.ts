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
  /** The stream it came from (its SSRC): a new one restarts the receiver's timing. */
  source: number;
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
