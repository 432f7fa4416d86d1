// One message being recorded: Opus packets in order, each marked voiced or not, so trailing
// silence can be cut when silence is what ended it. Held in memory: the box's maximum length
// bounds it (a few hundred kilobytes of Opus).
import { OggOpusWriter, opusPacketSamples } from './ogg-opus';

/** RMS of 16-bit samples above which a frame counts as someone speaking (about −44 dBFS). */
const VOICE_RMS = 200;

export type RecordingEnd = 'hang-up' | 'hash' | 'silence' | 'max-length';

export interface RecordedMessage {
  audio: Buffer;
  /** Audio length in seconds (48 kHz samples / 48000). */
  seconds: number;
}

export function rmsOf(samples: Int16Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return samples.length === 0 ? 0 : Math.sqrt(sum / samples.length);
}

export class Recording {
  private readonly packets: { packet: Uint8Array; voiced: boolean }[] = [];
  private samples = 0;
  private readonly maxSamples: number;

  constructor(
    maxSeconds: number,
    private readonly format: { inputSampleRate: number; preSkip: number },
  ) {
    this.maxSamples = maxSeconds * 48_000;
  }

  get seconds(): number {
    return this.samples / 48_000;
  }

  get full(): boolean {
    return this.samples >= this.maxSamples;
  }

  /** Adds one packet; returns whether it was voiced. Packets past the maximum are dropped. */
  add(packet: Uint8Array, rms: number): boolean {
    const voiced = rms >= VOICE_RMS;
    if (this.full) return voiced;
    this.packets.push({ packet, voiced });
    this.samples += opusPacketSamples(packet);
    return voiced;
  }

  /** The Ogg/Opus file, or null when nobody said anything. */
  finish(end: RecordingEnd): RecordedMessage | null {
    let last = this.packets.length;
    if (end === 'silence') while (last > 0 && !this.packets[last - 1]!.voiced) last--;
    const kept = this.packets.slice(0, last);
    if (!kept.some((p) => p.voiced)) return null;
    const writer = new OggOpusWriter(this.format);
    let samples = 0;
    for (const { packet } of kept) {
      writer.add(packet);
      samples += opusPacketSamples(packet);
    }
    return { audio: writer.finish(), seconds: samples / 48_000 };
  }
}
