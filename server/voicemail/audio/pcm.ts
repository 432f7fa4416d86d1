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
