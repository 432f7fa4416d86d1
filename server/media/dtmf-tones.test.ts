import { describe, expect, it } from 'vitest';
import { DTMF_KEYS } from '../sip/calls/dtmf';
import { ToneKeys, keyTone } from './dtmf-tones';
import { concatSamples } from './samples';

/** A sine at `hz`, `ms` long, at 8 kHz. */
const sine = (hz: number, ms: number, amplitude = 8000) =>
  Int16Array.from({ length: (8000 * ms) / 1000 }, (_, i) =>
    Math.round(amplitude * Math.sin((2 * Math.PI * hz * i) / 8000)),
  );

/** Fed in 20 ms frames, as RTP brings it. */
function heard(samples: Int16Array): string[] {
  const keys = new ToneKeys();
  const found: string[] = [];
  for (let at = 0; at < samples.length; at += 160) found.push(...keys.hear(samples.subarray(at, at + 160)));
  return found;
}

const joined = (...parts: Int16Array[]) => concatSamples(parts);

describe('keys as tones (Q.23)', () => {
  it('hears every key it makes, once each, in order', () => {
    expect(heard(joined(...[...DTMF_KEYS].map((key) => keyTone(key)!)))).toEqual([...DTMF_KEYS]);
  });

  it('hears a key under noise and at a lower level, but not a single tone, speech-like chords or silence', () => {
    const noisy = keyTone('5')!.map((s, i) => s / 4 + (((i * 7919) % 200) - 100));
    expect(heard(Int16Array.from(noisy))).toEqual(['5']);
    expect(heard(sine(770, 300))).toEqual([]);
    expect(heard(sine(440, 300))).toEqual([]);
    const [low, middle, high] = [sine(300, 300), sine(1000, 300), sine(2200, 300)];
    const chord = low.map((s, i) => s + middle[i]! + high[i]!);
    expect(heard(chord)).toEqual([]);
    expect(heard(new Int16Array(8000))).toEqual([]);
  });

  it('counts a key held long once, and the same key again after a gap', () => {
    // 300 ms of one key without a break (the tone's own 100 ms, three times over).
    const sounding = keyTone('7')!.subarray(0, 800);
    const long = joined(sounding, sounding, sounding);
    expect(heard(joined(long, new Int16Array(800), keyTone('7')!))).toEqual(['7', '7']);
  });

  it('makes nothing for a character that is no key', () => {
    expect(keyTone('x')).toBeNull();
  });
});
