// What a recorded message holds, measured: the Ogg/Opus file decoded with @evan/opus, and the
// tone's frequency and length found in the samples.
import { Decoder } from '@evan/opus';
import { readOggOpus } from '../../server/media/ogg-reader';

export const DECODED_RATE = 48_000;

/** The message's samples at 48 kHz, the encoder's pre-skip removed. */
export function decodeOggOpus(bytes: Buffer): Int16Array {
  const file = readOggOpus(bytes);
  const decoder = new Decoder({ channels: 1, sample_rate: DECODED_RATE });
  const parts = file.packets.map((packet) => {
    const pcm = decoder.decode(packet);
    return new Int16Array(pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + pcm.byteLength));
  });
  const all = new Int16Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    all.set(part, at);
    at += part.length;
  }
  return all.subarray(file.preSkip);
}

/** Which 20 ms windows are loud enough to be the tone (RMS over `threshold`). */
function loudWindows(samples: ArrayLike<number>, rate: number, threshold: number): boolean[] {
  const window = rate / 50;
  const windows: boolean[] = [];
  for (let at = 0; at + window <= samples.length; at += window) {
    let sum = 0;
    for (let i = at; i < at + window; i++) sum += samples[i]! * samples[i]!;
    windows.push(Math.sqrt(sum / window) > threshold);
  }
  return windows;
}

/** Seconds of the samples that are loud (the tone's length). */
export function loudSeconds(samples: ArrayLike<number>, rate = DECODED_RATE, threshold = 1000): number {
  return loudWindows(samples, rate, threshold).filter(Boolean).length / 50;
}

/**
 * The frequency of the loud part, from its zero crossings: half-periods counted between the
 * first and last crossing of each loud stretch, the crossing instants interpolated.
 */
export function toneFrequency(samples: ArrayLike<number>, rate = DECODED_RATE, threshold = 1000): number {
  const window = rate / 50;
  const loud = loudWindows(samples, rate, threshold);
  let halfPeriods = 0;
  let span = 0;
  for (let w = 0; w < loud.length;) {
    if (!loud[w]) {
      w++;
      continue;
    }
    const start = w * window;
    while (w < loud.length && loud[w]) w++;
    const crossings: number[] = [];
    for (let i = start + 1; i < w * window; i++) {
      const a = samples[i - 1]!;
      const b = samples[i]!;
      if (a < 0 !== b < 0) crossings.push(i - 1 + a / (a - b));
    }
    if (crossings.length < 2) continue;
    halfPeriods += crossings.length - 1;
    span += crossings[crossings.length - 1]! - crossings[0]!;
  }
  return span === 0 ? 0 : (halfPeriods / 2) * (rate / span);
}
