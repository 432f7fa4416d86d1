// The comparison behind the approved screens: what it lets pass and what it catches.
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { compareImages } from './approved-screens';

const WIDTH = 240;
const HEIGHT = 120;

/** A light screen with one dark button `buttonWidth` px wide; `shade` lightens one pixel of its label. */
function screen(buttonWidth: number, shade = 0): Buffer {
  const png = new PNG({ width: WIDTH, height: HEIGHT });
  for (let y = 0; y < HEIGHT; y++)
    for (let x = 0; x < WIDTH; x++) {
      const onButton = x >= 40 && x < 40 + buttonWidth && y >= 40 && y < 76;
      const value = onButton ? 40 : 250;
      png.data.set([value, value, value, 255], (y * WIDTH + x) * 4);
    }
  const label = (58 * WIDTH + 60) * 4;
  png.data.set([40 + shade, 40 + shade, 40 + shade], label);
  return PNG.sync.write(png);
}

describe('comparing a screen with its approved image', () => {
  it('passes the same screen, and one pixel drawn a shade apart', () => {
    expect(compareImages(screen(160), screen(160))).toEqual({ same: true, differentPixels: 0 });
    expect(compareImages(screen(160), screen(160, 6)).same).toBe(true);
  });

  it('fails a clipped button, marking where it differs', () => {
    const comparison = compareImages(screen(160), screen(110));
    expect(comparison.same).toBe(false);
    if (comparison.same) return;
    expect(comparison.reason).toBe('1800 pixels differ (5 allowed)');
    // pixelmatch paints differing pixels red in the diff image.
    const at = (60 * WIDTH + 170) * 4;
    expect([...comparison.diff!.data.subarray(at, at + 3)]).toEqual([255, 0, 0]);
  });

  it('fails a screen of another size, saying both sizes', () => {
    const taller = new PNG({ width: WIDTH, height: HEIGHT + 10 });
    expect(compareImages(screen(160), PNG.sync.write(taller))).toEqual({
      same: false,
      reason: `the screen is ${WIDTH}×${HEIGHT + 10} px, the approved one ${WIDTH}×${HEIGHT} px`,
      diff: null,
    });
  });
});
