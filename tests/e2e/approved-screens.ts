// Screens whose layout matters, compared with approved images kept in tests/e2e/approved/: a
// clipped button, a wrapped label or a shifted field fails the test. `UPDATE_SCREENSHOTS=1`
// approves what the run shows instead (look at the images before committing them).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { Locator, Page } from 'playwright-core';

const APPROVED_DIR = path.resolve('tests/e2e/approved');
const DIFF_DIR = path.resolve('test-results/screen-diffs');

/**
 * pixelmatch's colour distance (0 to 1) under which two pixels count as the same; pixels it
 * takes for anti-aliasing are not counted either, so a glyph's edges drawn a shade apart pass.
 */
const COLOUR_THRESHOLD = 0.1;
/** Pixels that may still differ, per million: a stray shade, far less than a word or a button's edge. */
const ALLOWED_PER_MILLION = 200;

export type ImageComparison =
  { same: true; differentPixels: number } | { same: false; reason: string; diff: PNG | null };

/** Compares two PNG images within the tolerances above; on a difference, an image of where. */
export function compareImages(approvedPng: Buffer, actualPng: Buffer): ImageComparison {
  const approved = PNG.sync.read(approvedPng);
  const actual = PNG.sync.read(actualPng);
  const { width, height } = approved;
  if (actual.width !== width || actual.height !== height) {
    return {
      same: false,
      reason: `the screen is ${actual.width}×${actual.height} px, the approved one ${width}×${height} px`,
      diff: null,
    };
  }
  const diff = new PNG({ width, height });
  const differentPixels = pixelmatch(approved.data, actual.data, diff.data, width, height, {
    threshold: COLOUR_THRESHOLD,
    includeAA: false,
  });
  const allowed = Math.floor((width * height * ALLOWED_PER_MILLION) / 1_000_000);
  return differentPixels <= allowed
    ? { same: true, differentPixels }
    : { same: false, reason: `${differentPixels} pixels differ (${allowed} allowed)`, diff };
}

/**
 * The window as a person sees it now, without motion, caret or pointer hover, with `volatile`
 * (times, timers, a port in an address) painted over; then compared with the approved image
 * `name`. On a difference it writes the screen and where it differs to test-results/screen-diffs
 * and throws.
 */
export async function expectApprovedScreen(
  page: Page,
  name: string,
  volatile: Locator[] = [],
): Promise<void> {
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const actual = await page.screenshot({
    animations: 'disabled',
    caret: 'hide',
    scale: 'css',
    mask: volatile,
    maskColor: '#888888',
  });
  const approvedFile = path.join(APPROVED_DIR, `${name}.png`);
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    await mkdir(APPROVED_DIR, { recursive: true });
    await writeFile(approvedFile, actual);
    return;
  }
  const approved = await readFile(approvedFile).catch(() => null);
  const comparison = approved
    ? compareImages(approved, actual)
    : ({ same: false, reason: `there is no approved image ${approvedFile}`, diff: null } as const);
  if (comparison.same) return;
  await mkdir(DIFF_DIR, { recursive: true });
  const actualFile = path.join(DIFF_DIR, `${name}.actual.png`);
  await writeFile(actualFile, actual);
  const written = [actualFile];
  if (comparison.diff) {
    const diffFile = path.join(DIFF_DIR, `${name}.diff.png`);
    await writeFile(diffFile, PNG.sync.write(comparison.diff));
    written.push(diffFile);
  }
  throw new Error(
    `${name} does not look as approved: ${comparison.reason}. See ${written.join(' and ')}; ` +
      'if the change is meant, approve it with UPDATE_SCREENSHOTS=1.',
  );
}
