// The tray icon: a dot in the registration's colour, drawn as raw BGRA pixels (what Electron's
// nativeImage.createFromBitmap takes), so the package needs no image files for it.
import type { TrayIcon } from './tray-state';

/**
 * [red, green, blue] of each state's dot: green registered, red registered on do-not-disturb,
 * amber on the way, grey not.
 */
export const TRAY_COLOURS: Record<TrayIcon, readonly [number, number, number]> = {
  registered: [46, 160, 67],
  'do-not-disturb': [207, 34, 46],
  registering: [230, 162, 20],
  'not-registered': [140, 140, 140],
};

/** A `size`×`size` BGRA bitmap: the dot, anti-aliased at its edge, on a transparent ground. */
export function trayIconBitmap(icon: TrayIcon, size: number): Buffer {
  const [red, green, blue] = TRAY_COLOURS[icon];
  const pixels = Buffer.alloc(size * size * 4);
  const centre = (size - 1) / 2;
  const radius = size * 0.4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const coverage = Math.min(1, Math.max(0, radius + 0.5 - Math.hypot(x - centre, y - centre)));
      const offset = (y * size + x) * 4;
      // Premultiplied alpha, as Skia (and so Electron) expects.
      pixels[offset] = Math.round(blue * coverage);
      pixels[offset + 1] = Math.round(green * coverage);
      pixels[offset + 2] = Math.round(red * coverage);
      pixels[offset + 3] = Math.round(255 * coverage);
    }
  }
  return pixels;
}
