// Checks on what a test phone hears, for calls whose audio runs in real time: packets can be
// lost or late on a busy machine, so a check measures again on later audio rather than judging
// one stretch.
import { expect } from 'vitest';
import type { Hearing } from './media-peers';
import { toneFrequency } from './tone';

const RATE = 8000;
export const POLL = { timeout: 10_000, interval: 50 };

/** Waits until `hearing` has `seconds` more audio than `mark`. */
export async function heardFor(hearing: Hearing, mark: number, seconds: number): Promise<void> {
  await expect.poll(() => hearing.samples.length - mark, POLL).toBeGreaterThan(seconds * RATE);
}

/**
 * Waits until `hearing` has 0.6 s more audio than `mark`, then until the latest 0.4 s of it is
 * `hz` (within 10 Hz; the first packets may carry a codec's start-up). A stretch with a lost
 * packet in it reads a few hertz off, so a later one is measured again; a wrong tone, or none,
 * stays wrong until the poll gives up.
 */
export async function expectTone(hearing: Hearing, hz: number, mark = hearing.samples.length): Promise<void> {
  await heardFor(hearing, mark, 0.6);
  await expect
    .poll(() => Math.abs(toneFrequency(hearing.since(mark).slice(-0.4 * RATE), RATE, 500) - hz), POLL)
    .toBeLessThan(10);
}
