import { MPEGDecoder } from 'mpg123-decoder';
import { AudioError, type Pcm } from './pcm';
import { SLICE, nextTurn } from './slices';

// Kilobits per second by bitrate index, per MPEG version and layer (index 0 "free" is refused).
const BITRATES = {
  v1: {
    1: [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
    2: [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
    3: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  },
  v2: {
    1: [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
    2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
    3: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  },
} as const;
const SAMPLE_RATES = { 3: [44_100, 48_000, 32_000], 2: [22_050, 24_000, 16_000], 0: [11_025, 12_000, 8_000] };

interface Frame {
  length: number;
  samples: number;
  sampleRate: number;
  channels: 1 | 2;
}

/** The MPEG audio frame whose header starts at `offset`, or null when none does. */
function frameAt(file: Buffer, offset: number): Frame | null {
  if (offset + 4 > file.length) return null;
  const header = file.readUInt32BE(offset);
  if (header >>> 21 !== 0x7ff) return null;
  const version = (header >>> 19) & 3;
  const layerBits = (header >>> 17) & 3;
  const bitrateIndex = (header >>> 12) & 15;
  const rateIndex = (header >>> 10) & 3;
  if (version === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3)
    return null;
  const layer = (4 - layerBits) as 1 | 2 | 3;
  const padding = (header >>> 9) & 1;
  const channels = ((header >>> 6) & 3) === 3 ? 1 : 2;
  const mpeg1 = version === 3;
  const bitrate = BITRATES[mpeg1 ? 'v1' : 'v2'][layer][bitrateIndex]! * 1000;
  const sampleRate = SAMPLE_RATES[version as 0 | 2 | 3][rateIndex]!;
  if (layer === 1) {
    const length = (Math.floor((12 * bitrate) / sampleRate) + padding) * 4;
    return { length, samples: 384, sampleRate, channels };
  }
  const samples = layer === 3 && !mpeg1 ? 576 : 1152;
  const length = Math.floor(((samples / 8) * bitrate) / sampleRate) + padding;
  return { length, samples, sampleRate, channels };
}

/** Bytes of an ID3v2 tag at the start (header, body and optional footer). */
function id3v2Length(file: Buffer): number {
  if (file.length < 10 || file.toString('latin1', 0, 3) !== 'ID3') return 0;
  const size =
    ((file[6]! & 0x7f) << 21) | ((file[7]! & 0x7f) << 14) | ((file[8]! & 0x7f) << 7) | (file[9]! & 0x7f);
  return 10 + size + (file[5]! & 0x10 ? 10 : 0);
}

export function looksLikeMp3(file: Buffer): boolean {
  return id3v2Length(file) > 0 || frameAt(file, 0) !== null;
}

export interface Mp3Layout {
  /** The frames, without tags. */
  frames: Buffer;
  durationSeconds: number;
  /** The same in every frame: a stream that changes them is refused. */
  sampleRate: number;
  channels: 1 | 2;
}

/**
 * Walks the file frame by frame before anything is decoded: it must be MPEG audio from the
 * first byte after its ID3v2 tag to its end (an ID3v1 tag allowed), every frame whole, all at
 * one sample rate and channel count (a decoder would play frames of another rate at the
 * first one's, longer than their headers say).
 */
export async function readMp3Layout(file: Buffer): Promise<Mp3Layout> {
  const start = id3v2Length(file);
  if (start >= file.length) throw new AudioError('malformed', 'The MP3 file holds a tag but no audio');
  const end =
    file.length >= 128 && file.toString('latin1', file.length - 128, file.length - 125) === 'TAG'
      ? file.length - 128
      : file.length;
  const first = frameAt(file, start);
  if (!first) throw new AudioError('malformed', `The MP3 file is damaged: no audio frame at byte ${start}`);
  let offset = start;
  let durationSeconds = 0;
  for (let walked = 1; offset < end; walked++) {
    const frame = frameAt(file, offset);
    if (!frame)
      throw new AudioError('malformed', `The MP3 file is damaged: no audio frame at byte ${offset}`);
    if (offset + frame.length > end)
      throw new AudioError('malformed', 'The MP3 file is truncated: its last frame ends early');
    if (frame.sampleRate !== first.sampleRate || frame.channels !== first.channels)
      throw new AudioError(
        'unsupported',
        `The MP3 file changes its sample rate or channels at byte ${offset}: only MP3 files of one format are supported`,
      );
    durationSeconds += frame.samples / frame.sampleRate;
    offset += frame.length;
    if (walked % SLICE === 0) await nextTurn();
  }
  return {
    frames: file.subarray(start, end),
    durationSeconds,
    sampleRate: first.sampleRate,
    channels: first.channels,
  };
}

/** Bytes decoded between two turns of the event loop: a long file never stalls the server. */
const DECODE_SLICE_BYTES = 16 * 1024;

/**
 * Decodes the frames the layout walked, stopping as soon as the decoder has given more than
 * `maxSeconds` of audio, whatever the headers said: what is decoded is what gets stored.
 */
export async function decodeMp3(layout: Mp3Layout, maxSeconds: number): Promise<Pcm> {
  const decoder = new MPEGDecoder();
  await decoder.ready;
  try {
    const parts: Float32Array[][] = [];
    const maxSamples = maxSeconds * layout.sampleRate;
    let samples = 0;
    for (let offset = 0; offset < layout.frames.length; offset += DECODE_SLICE_BYTES) {
      const decoded = decoder.decode(layout.frames.subarray(offset, offset + DECODE_SLICE_BYTES));
      if (decoded.errors.length > 0) throw new AudioError('malformed', 'The MP3 file could not be decoded');
      if (decoded.samplesDecoded > 0) {
        // The decoder gives two channels for mono too; what matters is that it never changes.
        const channels = parts[0]?.length ?? decoded.channelData.length;
        if (decoded.sampleRate !== layout.sampleRate || decoded.channelData.length !== channels)
          throw new AudioError('malformed', 'The MP3 file decodes to another format than its frames say');
        samples += decoded.samplesDecoded;
        if (samples > maxSamples)
          throw new AudioError(
            'too-long',
            `The audio lasts more than ${maxSeconds} s; it may last at most ${maxSeconds} s`,
          );
        parts.push(decoded.channelData.map((channel) => channel.slice(0, decoded.samplesDecoded)));
      }
      await nextTurn();
    }
    if (parts.length === 0) throw new AudioError('malformed', 'The MP3 file holds no audio');
    const channels = parts[0]!.map((_, index) => concat(parts.map((part) => part[index]!)));
    return { sampleRate: layout.sampleRate, channels };
  } finally {
    decoder.free();
  }
}

function concat(arrays: Float32Array[]): Float32Array {
  const out = new Float32Array(arrays.reduce((sum, array) => sum + array.length, 0));
  let offset = 0;
  for (const array of arrays) {
    out.set(array, offset);
    offset += array.length;
  }
  return out;
}
