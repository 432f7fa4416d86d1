import { inSlices } from './slices';

/** Decoded audio: one array of samples in [-1, 1] per channel, all of the same length. */
export interface Pcm {
  sampleRate: number;
  channels: Float32Array[];
}

/** Why an uploaded file cannot be used: the message is shown to the person who sent it. */
export class AudioError extends Error {
  constructor(
    readonly reason: 'mislabelled' | 'malformed' | 'unsupported' | 'too-long',
    message: string,
  ) {
    super(message);
    this.name = 'AudioError';
  }
}

/** The channels averaged into one. */
export async function mixToMono(pcm: Pcm): Promise<Float32Array> {
  const [first, ...rest] = pcm.channels;
  if (!first) return new Float32Array(0);
  if (rest.length === 0) return first;
  const mono = new Float32Array(first.length);
  await inSlices(mono.length, (start, end) => {
    for (let i = start; i < end; i++) {
      let sum = first[i]!;
      for (const channel of rest) sum += channel[i]!;
      mono[i] = sum / pcm.channels.length;
    }
  });
  return mono;
}

/**
 * Linear interpolation between neighbouring samples. A greeting is speech heard through a
 * phone call, so the small aliasing this allows is far below what the call's codec removes.
 */
export async function resample(
  samples: Float32Array,
  fromRate: number,
  toRate: number,
): Promise<Float32Array> {
  if (fromRate === toRate) return samples;
  const length = Math.floor((samples.length * toRate) / fromRate);
  const out = new Float32Array(length);
  const step = fromRate / toRate;
  const last = samples.length - 1;
  await inSlices(length, (start, end) => {
    for (let i = start; i < end; i++) {
      const position = i * step;
      const index = Math.floor(position);
      const next = Math.min(index + 1, last);
      const fraction = position - index;
      out[i] = samples[index]! * (1 - fraction) + samples[next]! * fraction;
    }
  });
  return out;
}

/** The Q of each second-order section of an 8th-order Butterworth low-pass. */
const BUTTERWORTH_8_Q = [0.5098, 0.6013, 0.9, 2.5629];

/**
 * Removes what a lower rate cannot carry before `resample` drops to it: an 8th-order Butterworth
 * low-pass (four biquads, RBJ cookbook) at `cutoffHz`. Without it a 6 kHz note in a 44.1 kHz
 * file folds back to 2 kHz at 8 kHz as loud as it was; with it, about 36 dB down. In place.
 */
export async function lowPass(samples: Float32Array, rate: number, cutoffHz: number): Promise<Float32Array> {
  const w = (2 * Math.PI * cutoffHz) / rate;
  const sections = BUTTERWORTH_8_Q.map((q) => {
    const alpha = Math.sin(w) / (2 * q);
    const a0 = 1 + alpha;
    const b1 = (1 - Math.cos(w)) / a0;
    return {
      b0: b1 / 2,
      b1,
      b2: b1 / 2,
      a1: (-2 * Math.cos(w)) / a0,
      a2: (1 - alpha) / a0,
      x1: 0,
      x2: 0,
      y1: 0,
      y2: 0,
    };
  });
  await inSlices(samples.length, (start, end) => {
    for (let i = start; i < end; i++) {
      let x = samples[i]!;
      for (const s of sections) {
        const y = s.b0 * x + s.b1 * s.x1 + s.b2 * s.x2 - s.a1 * s.y1 - s.a2 * s.y2;
        s.x2 = s.x1;
        s.x1 = x;
        s.y2 = s.y1;
        s.y1 = y;
        x = y;
      }
      samples[i] = x;
    }
  });
  return samples;
}
