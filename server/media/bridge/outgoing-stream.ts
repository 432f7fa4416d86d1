// The RTP header values of what a point sends its phone: one SSRC, and sequence numbers and
// timestamps that run on across everything relayed to it (a transfer that brings another
// talker, a re-patch, keys played in between), so the phone's jitter buffer never sees a jump
// backwards. Gaps from lost packets are kept, so the phone conceals them as it should.
import { randomInt } from 'node:crypto';
import type { MediaFrame } from './frame';

/** A jump in the sender's sequence numbers bigger than this is a restart, not lost packets. */
const MAX_LOST = 100;

export interface HeaderValues {
  sequence: number;
  timestamp: number;
  /** RFC 3550: set on the first packet after a change of talker. */
  marker: boolean;
}

export class OutgoingStream {
  readonly ssrc = randomInt(0, 2 ** 32);
  private sequence = randomInt(0, 2 ** 16);
  private nextTimestamp = randomInt(0, 2 ** 32);
  private source: number | null = null;
  private lastSequence = 0;
  private timestampOffset = 0;

  /** Header values for a relayed frame, or null for a late or repeated packet (dropped). */
  relay(frame: MediaFrame): HeaderValues | null {
    let marker = false;
    let step = (frame.sequence - this.lastSequence) & 0xffff;
    if (frame.source !== this.source) {
      this.source = frame.source;
      this.timestampOffset = (this.nextTimestamp - frame.timestamp) >>> 0;
      marker = true;
      step = 1;
    } else if (step === 0 || step >= 0x8000) return null;
    else if (step > MAX_LOST) {
      // The talker restarted its numbering: carry on from where this stream was.
      this.timestampOffset = (this.nextTimestamp - frame.timestamp) >>> 0;
      step = 1;
    }
    this.lastSequence = frame.sequence;
    this.sequence = (this.sequence + step) & 0xffff;
    const timestamp = (frame.timestamp + this.timestampOffset) >>> 0;
    this.nextTimestamp = (timestamp + frame.samples) >>> 0;
    return { sequence: this.sequence, timestamp, marker };
  }

  /** A relayed frame held back (a key is playing): the talker's numbering moves on, this stream's does not. */
  skip(frame: MediaFrame): void {
    if (frame.source === this.source) this.lastSequence = frame.sequence;
  }

  /** The stream's clock moves on while the point sends something of its own (a key). */
  advance(samples: number): void {
    this.nextTimestamp = (this.nextTimestamp + samples) >>> 0;
  }

  /** The sequence number of a packet the point makes itself (a key); relayed ones follow it. */
  insert(): number {
    this.sequence = (this.sequence + 1) & 0xffff;
    return this.sequence;
  }

  /** Where the stream's clock is now: the timestamp the next relayed frame would start at. */
  get timestamp(): number {
    return this.nextTimestamp;
  }
}
