// What a recorded message holds, measured: the Ogg/Opus file decoded with @evan/opus, and the
// tone's frequency and length found in the samples.
import { messageSamples } from '../../server/media/message-audio';

export const DECODED_RATE = 48_000;

/** The message's samples at 48 kHz, the encoder's pre-skip removed. */
export function decodeOggOpus(bytes: Buffer): Int16Array {
  return messageSamples(bytes, 'audio/ogg', DECODED_RATE);
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

/** Goertzel over samples[from, to): the power in the bin of `hz`, and the samples' energy. */
function goertzel(samples: ArrayLike<number>, from: number, to: number, rate: number, hz: number) {
  const coefficient = 2 * Math.cos((2 * Math.PI * hz) / rate);
  let s1 = 0;
  let s2 = 0;
  let energy = 0;
  for (let i = from; i < to; i++) {
    const x = samples[i]!;
    const s0 = x + coefficient * s1 - s2;
    s2 = s1;
    s1 = s0;
    energy += x * x;
  }
  return { power: s1 * s1 + s2 * s2 - coefficient * s1 * s2, energy };
}

/**
 * Where a tone of `hz` is what one hears: runs of 20 ms windows whose energy is nearly all at
 * `hz` (Goertzel), as start and length in seconds. Speech and other tones do not count.
 */
export function toneStretches(
  samples: ArrayLike<number>,
  rate: number,
  hz: number,
): { start: number; seconds: number }[] {
  const window = rate / 50;
  const stretches: { start: number; seconds: number }[] = [];
  let runStart = -1;
  const windows = Math.floor(samples.length / window);
  for (let w = 0; w <= windows; w++) {
    let tone = false;
    if (w < windows) {
      const { power, energy } = goertzel(samples, w * window, (w + 1) * window, rate, hz);
      // A pure tone at hz puts (window / 2) × its energy in this bin; a loud one above ~−36 dBFS.
      tone = energy / window > 500 ** 2 && power > 0.6 * energy * (window / 2);
    }
    if (tone && runStart < 0) runStart = w;
    if (!tone && runStart >= 0) {
      stretches.push({ start: runStart / 50, seconds: (w - runStart) / 50 });
      runStart = -1;
    }
  }
  return stretches;
}

/**
 * The amplitude of the tone of `hz` in the samples (Goertzel over all of them): a sine of
 * amplitude A gives about A, whatever else is mixed with it at other frequencies.
 */
export function toneAmplitude(samples: ArrayLike<number>, rate: number, hz: number): number {
  const { power } = goertzel(samples, 0, samples.length, rate, hz);
  return (2 * Math.sqrt(power)) / samples.length;
}
