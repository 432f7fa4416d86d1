// Keys as tones in the audio (ITU-T Q.23), for carriers that take neither RFC 4733 events nor
// SIP INFO: a key is the sum of one low (row) and one high (column) frequency. `keyTone` makes
// one at 8 kHz; `ToneKeys` hears them in 8 kHz audio with the Goertzel algorithm, a key counted
// once it lasts two blocks (about 50 ms, Q.24 asks for 40) and again only after a gap.

const RATE = 8000;
const ROWS = [697, 770, 852, 941] as const;
const COLUMNS = [1209, 1336, 1477, 1633] as const;
/** The keys by row, then column. */
const LAYOUT = ['123A', '456B', '789C', '*0#D'] as const;

/** How long a key sounds, and the silence after it (Q.24 wants at least 40 ms of each). */
export const KEY_TONE_MS = 100;
export const KEY_GAP_MS = 60;
/** Each of the two tones' amplitude: together about -6 dBFS, well clear of clipping. */
const AMPLITUDE = 0.25 * 32767;

function frequenciesOf(key: string): [number, number] | null {
  const row = LAYOUT.findIndex((keys) => keys.includes(key));
  if (row < 0) return null;
  return [ROWS[row]!, COLUMNS[LAYOUT[row]!.indexOf(key)]!];
}

/** The key's tone then a gap of silence, as 8 kHz samples; null for a character that is no key. */
export function keyTone(key: string): Int16Array | null {
  const pair = frequenciesOf(key.toUpperCase());
  if (!pair) return null;
  const sounding = (RATE * KEY_TONE_MS) / 1000;
  const samples = new Int16Array(sounding + (RATE * KEY_GAP_MS) / 1000);
  for (let i = 0; i < sounding; i++) {
    const t = i / RATE;
    samples[i] = Math.round(
      AMPLITUDE * (Math.sin(2 * Math.PI * pair[0] * t) + Math.sin(2 * Math.PI * pair[1] * t)),
    );
  }
  return samples;
}

/** Samples per Goertzel block: 205 at 8 kHz gives bins about 39 Hz apart, finer than the 70 Hz between keys' tones. */
const BLOCK = 205;
/** A block quieter than this (mean square; about -50 dBFS) holds no key. */
const MIN_POWER = 10 ** (-50 / 10) * 32767 ** 2;
/** Each tone must carry this share of the block's energy, and both together this much more. */
const MIN_SHARE = 0.2;
const MIN_BOTH = 0.7;
/** Twist: the two tones within 8 dB of each other. */
const MAX_TWIST = 10 ** (8 / 10);

/** The share of a block's energy at `hz` (1 for a pure sine at that frequency). */
function shareAt(block: Float64Array, energy: number, hz: number): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * hz) / RATE);
  let previous = 0;
  let beforePrevious = 0;
  for (const sample of block) {
    const current = sample + coefficient * previous - beforePrevious;
    beforePrevious = previous;
    previous = current;
  }
  const power =
    previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious;
  return (2 * power) / (block.length * energy);
}

/** The strongest of `frequencies` in the block, and how many times stronger it is than the next. */
function strongest(block: Float64Array, energy: number, frequencies: readonly number[]) {
  const shares = frequencies.map((hz) => shareAt(block, energy, hz));
  const best = shares.indexOf(Math.max(...shares));
  const next = Math.max(...shares.filter((_, i) => i !== best));
  return { index: best, share: shares[best]!, next };
}

/** The key a block holds, or null. */
function keyIn(block: Float64Array): string | null {
  let energy = 0;
  for (const sample of block) energy += sample * sample;
  if (energy / block.length < MIN_POWER) return null;
  const row = strongest(block, energy, ROWS);
  const column = strongest(block, energy, COLUMNS);
  const clear = (tone: { share: number; next: number }) =>
    tone.share >= MIN_SHARE && tone.share > 4 * tone.next;
  if (!clear(row) || !clear(column) || row.share + column.share < MIN_BOTH) return null;
  const twist = row.share > column.share ? row.share / column.share : column.share / row.share;
  return twist <= MAX_TWIST ? LAYOUT[row.index]![column.index]! : null;
}

/** Hears keys in a stream of 8 kHz audio fed in pieces of any size. */
export class ToneKeys {
  private readonly block = new Float64Array(BLOCK);
  private filled = 0;
  /** The key the last block held, and whether it was already told. */
  private last: string | null = null;
  private told = false;

  /** Feeds audio; returns the keys that began in it (usually none). */
  hear(samples: Int16Array): string[] {
    const keys: string[] = [];
    for (const sample of samples) {
      this.block[this.filled++] = sample;
      if (this.filled < BLOCK) continue;
      this.filled = 0;
      const key = keyIn(this.block);
      if (key !== this.last) {
        this.last = key;
        this.told = false;
      } else if (key !== null && !this.told) {
        this.told = true;
        keys.push(key);
      }
    }
    return keys;
  }
}
