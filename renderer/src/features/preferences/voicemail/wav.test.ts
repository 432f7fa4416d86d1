import { describe, expect, it } from 'vitest';
import { encodeWav } from './wav';

describe('encodeWav', () => {
  it('writes a 16-bit mono PCM WAV the office reads: header, rate and clipped samples', () => {
    const view = new DataView(encodeWav(new Float32Array([0, 0.5, -0.5, 1, -1, 2, -2]), 16_000));
    const text = (at: number, length: number) =>
      String.fromCharCode(...new Uint8Array(view.buffer, at, length));
    expect([text(0, 4), text(8, 4), text(12, 4), text(36, 4)]).toEqual(['RIFF', 'WAVE', 'fmt ', 'data']);
    expect(view.getUint32(4, true)).toBe(36 + 14);
    expect(view.getUint16(20, true)).toBe(1);
    expect(view.getUint16(22, true)).toBe(1);
    expect(view.getUint32(24, true)).toBe(16_000);
    expect(view.getUint32(28, true)).toBe(32_000);
    expect(view.getUint16(34, true)).toBe(16);
    expect(view.getUint32(40, true)).toBe(14);
    const samples = [0, 1, 2, 3, 4, 5, 6].map((index) => view.getInt16(44 + index * 2, true));
    expect(samples).toEqual([0, 16384, -16384, 32767, -32768, 32767, -32768]);
  });
});
