import { AudioError, type Pcm } from './pcm';
import { inSlices } from './slices';

const PCM_FORMAT = 1;
const EXTENSIBLE_FORMAT = 0xfffe;
const SUPPORTED_BITS = new Set([8, 16, 24]);

export interface WavFormat {
  sampleRate: number;
  channelCount: number;
  bitsPerSample: number;
  /** Where the sample data starts and how many bytes it has. */
  dataOffset: number;
  dataLength: number;
}

export function looksLikeWav(file: Buffer): boolean {
  return (
    file.length >= 12 && file.toString('ascii', 0, 4) === 'RIFF' && file.toString('ascii', 8, 12) === 'WAVE'
  );
}

function malformed(message: string): AudioError {
  return new AudioError('malformed', message);
}

/** Reads the RIFF chunks: a file whose data runs past its end is truncated, not played short. */
export function readWavFormat(file: Buffer): WavFormat {
  if (!looksLikeWav(file)) throw malformed('The file is not a WAV file (no RIFF/WAVE header)');
  let format: Omit<WavFormat, 'dataOffset' | 'dataLength'> | null = null;
  let offset = 12;
  while (offset + 8 <= file.length) {
    const id = file.toString('ascii', offset, offset + 4);
    const size = file.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + size > file.length) throw malformed('The WAV format chunk is truncated');
      let tag = file.readUInt16LE(body);
      if (tag === EXTENSIBLE_FORMAT && size >= 40) tag = file.readUInt16LE(body + 24);
      if (tag !== PCM_FORMAT) {
        throw new AudioError('unsupported', 'Only uncompressed PCM WAV files are supported');
      }
      format = {
        channelCount: file.readUInt16LE(body + 2),
        sampleRate: file.readUInt32LE(body + 4),
        bitsPerSample: file.readUInt16LE(body + 14),
      };
      if (format.channelCount < 1 || format.channelCount > 2) {
        throw new AudioError('unsupported', 'Only mono and stereo WAV files are supported');
      }
      if (!SUPPORTED_BITS.has(format.bitsPerSample)) {
        throw new AudioError('unsupported', 'Only 8, 16 and 24-bit WAV files are supported');
      }
      if (format.sampleRate < 8_000 || format.sampleRate > 192_000) {
        throw new AudioError('unsupported', 'The WAV sample rate must be between 8 and 192 kHz');
      }
    } else if (id === 'data') {
      if (!format) throw malformed('The WAV file has no format chunk before its data');
      if (body + size > file.length) throw malformed('The WAV file is truncated: its data ends early');
      const frame = (format.bitsPerSample / 8) * format.channelCount;
      if (size === 0 || size % frame !== 0) throw malformed('The WAV data is empty or cut mid-sample');
      return { ...format, dataOffset: body, dataLength: size };
    }
    offset = body + size + (size % 2);
  }
  throw malformed('The WAV file has no audio data');
}

export function wavDurationSeconds(format: WavFormat): number {
  return format.dataLength / ((format.bitsPerSample / 8) * format.channelCount) / format.sampleRate;
}

function sampleAt(file: Buffer, offset: number, bits: number): number {
  if (bits === 8) return (file.readUInt8(offset) - 128) / 128;
  if (bits === 16) return file.readInt16LE(offset) / 32_768;
  return file.readIntLE(offset, 3) / 8_388_608;
}

export async function decodeWav(file: Buffer, format: WavFormat): Promise<Pcm> {
  const bytes = format.bitsPerSample / 8;
  const frameBytes = bytes * format.channelCount;
  const frames = format.dataLength / frameBytes;
  const channels = Array.from({ length: format.channelCount }, () => new Float32Array(frames));
  await inSlices(frames, (start, end) => {
    let offset = format.dataOffset + start * frameBytes;
    for (let i = start; i < end; i++) {
      for (const channel of channels) {
        channel[i] = sampleAt(file, offset, format.bitsPerSample);
        offset += bytes;
      }
    }
  });
  return { sampleRate: format.sampleRate, channels };
}

/** A mono 16-bit PCM WAV file of the samples. */
export async function encodeWav(samples: Float32Array, sampleRate: number): Promise<Buffer> {
  const dataLength = samples.length * 2;
  const file = Buffer.alloc(44 + dataLength);
  file.write('RIFF', 0, 'ascii');
  file.writeUInt32LE(36 + dataLength, 4);
  file.write('WAVEfmt ', 8, 'ascii');
  file.writeUInt32LE(16, 16);
  file.writeUInt16LE(PCM_FORMAT, 20);
  file.writeUInt16LE(1, 22);
  file.writeUInt32LE(sampleRate, 24);
  file.writeUInt32LE(sampleRate * 2, 28);
  file.writeUInt16LE(2, 32);
  file.writeUInt16LE(16, 34);
  file.write('data', 36, 'ascii');
  file.writeUInt32LE(dataLength, 40);
  // Little-endian like WAV on every platform Node supports here (x64, arm64).
  const out = new Int16Array(file.buffer, file.byteOffset + 44, samples.length);
  await inSlices(samples.length, (start, end) => {
    for (let i = start; i < end; i++) out[i] = Math.round(Math.max(-1, Math.min(1, samples[i]!)) * 32_767);
  });
  return file;
}
