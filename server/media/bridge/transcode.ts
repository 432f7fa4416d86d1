// Audio from one codec to another, for the calls where the two phones share none (or a softphone
// answered with Opus): G.711 laws into each other by a table, G.711 ↔ Opus through 8 kHz PCM.
// Opus carries its own resampler (an encoder or decoder set to 8 kHz takes or gives 8 kHz
// samples, its RTP clock staying 48 kHz), so no 48 kHz audio is ever made here.
import { Decoder, Encoder } from '@evan/opus';
import type { AudioCodec } from '../../sip/calls/media-anchor';
import { decodeG711, encodeG711, type G711Law } from '../g711';
import { CLOCK_RATE, type MediaFrame } from './frame';

const RATE = 8000;
const OPUS_FRAME = 160; // 20 ms at 8 kHz
const OPUS_FRAME_CLOCK = 960; // the same 20 ms in Opus's 48 kHz RTP clock
/**
 * libopus's complexity 5 costs a quarter of its default 10 (about 50 µs a 20 ms frame against
 * 200 here) and loses nothing audible on speech that came as 8 kHz G.711.
 */
const OPUS_COMPLEXITY = 5;
/** A gap in the talker's timestamps longer than this (in its clock) is a restart, not lost audio. */
const MAX_GAP_SECONDS = 1;

/** µ-law ↔ A-law, byte for byte. */
function lawTable(from: G711Law, to: G711Law): Uint8Array {
  const all = Uint8Array.from({ length: 256 }, (_, i) => i);
  return new Uint8Array(encodeG711(to, decodeG711(from, all)));
}

export class Transcoder {
  private readonly ratio: number;
  private readonly table: Uint8Array | null;
  private decoder: Decoder | null = null;
  private encoder: Encoder | null = null;
  private pending = new Int16Array(0);
  private source: number | null = null;
  private expected = 0;
  private lastSequence = 0;
  private sequence = 0;
  private timestamp = 0;

  constructor(
    private readonly from: AudioCodec,
    private readonly to: AudioCodec,
  ) {
    this.ratio = CLOCK_RATE[to] / CLOCK_RATE[from];
    this.table = from !== 'opus' && to !== 'opus' ? lawTable(from, to) : null;
  }

  /** The frame in the other codec: none while 20 ms for Opus are gathered, or for a late packet. */
  convert(frame: MediaFrame): MediaFrame[] {
    if (!this.follow(frame)) return [];
    if (this.table) {
      const payload = Buffer.allocUnsafe(frame.payload.length);
      for (let i = 0; i < payload.length; i++) payload[i] = this.table[frame.payload[i]!]!;
      return [this.emit(frame, payload, frame.samples)];
    }
    const samples = this.decode(frame);
    if (this.to !== 'opus') return [this.emit(frame, encodeG711(this.to, samples), samples.length)];
    // Opus takes whole frames: whatever size the phone's packets are, 20 ms go out at a time.
    const joined = new Int16Array(this.pending.length + samples.length);
    joined.set(this.pending);
    joined.set(samples, this.pending.length);
    const out: MediaFrame[] = [];
    let at = 0;
    for (; at + OPUS_FRAME <= joined.length; at += OPUS_FRAME) {
      this.encoder ??= this.opusEncoder();
      const packet = this.encoder.encode(joined.subarray(at, at + OPUS_FRAME));
      out.push(this.emit(frame, Buffer.from(packet), OPUS_FRAME_CLOCK));
    }
    this.pending = joined.slice(at);
    return out;
  }

  /**
   * Keeps the output's clock in step with the talker's: a lost packet leaves a gap of its length
   * (the phone conceals it); a late or repeated one is dropped.
   */
  private follow(frame: MediaFrame): boolean {
    if (frame.source !== this.source) {
      this.source = frame.source;
      this.pending = new Int16Array(0);
    } else {
      const gap = (frame.timestamp - this.expected) | 0;
      if (gap < 0 || ((frame.sequence - this.lastSequence) & 0xffff) >= 0x8000) return false;
      if (gap <= MAX_GAP_SECONDS * CLOCK_RATE[this.from]) {
        this.timestamp = (this.timestamp + Math.round(gap * this.ratio)) >>> 0;
        this.sequence =
          (this.sequence + Math.max(0, ((frame.sequence - this.lastSequence) & 0xffff) - 1)) & 0xffff;
      }
    }
    this.expected = (frame.timestamp + frame.samples) >>> 0;
    this.lastSequence = frame.sequence;
    return true;
  }

  private opusEncoder(): Encoder {
    const encoder = new Encoder({ channels: 1, sample_rate: RATE, application: 'voip' });
    encoder.complexity = OPUS_COMPLEXITY;
    return encoder;
  }

  private decode(frame: MediaFrame): Int16Array {
    if (this.from !== 'opus') return decodeG711(this.from, frame.payload);
    this.decoder ??= new Decoder({ channels: 1, sample_rate: RATE });
    const pcm = this.decoder.decode(frame.payload);
    return new Int16Array(pcm.buffer, pcm.byteOffset, pcm.byteLength >> 1).slice();
  }

  private emit(from: MediaFrame, payload: Buffer, samples: number): MediaFrame {
    const frame: MediaFrame = {
      codec: this.to,
      payload,
      sequence: this.sequence,
      timestamp: this.timestamp,
      samples,
      source: from.source,
    };
    this.sequence = (this.sequence + 1) & 0xffff;
    this.timestamp = (this.timestamp + samples) >>> 0;
    return frame;
  }
}
