import { describe, expect, it } from 'vitest';
import { RING_PATTERNS } from './ringtone';

describe('ring patterns', () => {
  it.each(Object.entries(RING_PATTERNS))(
    '%s: tones fit in the cycle, in order, with silence after',
    (_, pattern) => {
      let previousEnd = 0;
      for (const tone of pattern.tones) {
        expect(tone.start).toBeGreaterThanOrEqual(previousEnd);
        expect(tone.duration).toBeGreaterThan(0.04); // longer than its two click-free ramps
        expect(tone.frequencies.length).toBeGreaterThan(0);
        previousEnd = tone.start + tone.duration;
      }
      expect(previousEnd).toBeLessThan(pattern.cycle);
      expect(pattern.volume).toBeGreaterThan(0);
      expect(pattern.volume).toBeLessThanOrEqual(0.25);
    },
  );
});
