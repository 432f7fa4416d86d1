// G.711 µ-law and A-law (ITU-T G.711), the codecs every desk phone speaks: one byte a sample
// at 8 kHz. Tables built once; decoding is a lookup.

const BIAS = 0x84;
const CLIP = 32635;

function ulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const t = (((u & 0x0f) << 3) + BIAS) << ((u & 0x70) >> 4);
  return u & 0x80 ? BIAS - t : t - BIAS;
}

function alawToLinear(byte: number): number {
  const a = byte ^ 0x55;
  const segment = (a & 0x70) >> 4;
  let t = (a & 0x0f) << 4;
  t = segment === 0 ? t + 8 : segment === 1 ? t + 0x108 : (t + 0x108) << (segment - 1);
  return a & 0x80 ? t : -t;
}

function linearToUlaw(sample: number): number {
  const sign = sample < 0 ? 0x80 : 0;
  let magnitude = Math.min(Math.abs(sample), CLIP) + BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  magnitude = sign | (exponent << 4) | mantissa;
  return ~magnitude & 0xff;
}

function linearToAlaw(sample: number): number {
  let value = sample >> 3;
  let mask = 0xd5;
  if (value < 0) {
    mask = 0x55;
    value = -value - 1;
  }
  let segment = 0;
  while (segment < 8 && value > (0x20 << segment) - 1) segment++;
  if (segment >= 8) return 0x7f ^ mask;
  const quantised = segment < 2 ? (value >> 1) & 0x0f : (value >> segment) & 0x0f;
  return ((segment << 4) | quantised) ^ mask;
}

const table = (decode: (byte: number) => number) => Int16Array.from({ length: 256 }, (_, i) => decode(i));
const ULAW = table(ulawToLinear);
const ALAW = table(alawToLinear);

export type G711Law = 'PCMU' | 'PCMA';

export function decodeG711(law: G711Law, payload: Uint8Array): Int16Array {
  const lookup = law === 'PCMU' ? ULAW : ALAW;
  const samples = new Int16Array(payload.length);
  for (let i = 0; i < payload.length; i++) samples[i] = lookup[payload[i]!]!;
  return samples;
}

export function encodeG711(law: G711Law, samples: Int16Array): Buffer {
  const encode = law === 'PCMU' ? linearToUlaw : linearToAlaw;
  const payload = Buffer.alloc(samples.length);
  for (let i = 0; i < samples.length; i++) payload[i] = encode(samples[i]!);
  return payload;
}
