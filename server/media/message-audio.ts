// A stored message's audio as samples to play to a caller: Ogg/Opus (what the agent records)
// decoded with @evan/opus, or a WAV resampled. Anything else cannot be played by phone.
import { Decoder } from '@evan/opus';
import { readOggOpus } from './ogg-reader';
import { readWav } from './wav';
import { resample } from './resample';
import { concatSamples } from './samples';

/** The rates an Opus decoder outputs itself (RFC 6716 §2), every endpoint's among them. */
const OPUS_RATES = [8000, 12_000, 16_000, 24_000, 48_000] as const;
type OpusRate = (typeof OPUS_RATES)[number];
const isOpusRate = (rate: number): rate is OpusRate => (OPUS_RATES as readonly number[]).includes(rate);

function decodeOpus(bytes: Buffer, rate: number): Int16Array {
  if (!isOpusRate(rate)) throw new Error(`Opus does not decode at ${rate} Hz`);
  const file = readOggOpus(bytes);
  if (file.channels !== 1) throw new Error(`a ${file.channels}-channel message (mono expected)`);
  const decoder = new Decoder({ channels: 1, sample_rate: rate });
  const decoded = file.packets.map((packet) => {
    const pcm = decoder.decode(packet);
    // A copy: the decoder's output may be a view of its memory, reused by the next packet.
    return new Int16Array(pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + pcm.byteLength));
  });
  const all = concatSamples(decoded);
  // Pre-skip is counted in 48 kHz samples.
  return all.subarray(Math.round((file.preSkip * rate) / 48_000));
}

/** The message's samples at `rate`; throws with the reason when they cannot be read. */
export function messageSamples(bytes: Buffer, audioType: string, rate: number): Int16Array {
  if (audioType === 'audio/ogg') return decodeOpus(bytes, rate);
  if (audioType === 'audio/wav') {
    const wav = readWav(bytes);
    return resample(wav.samples, wav.sampleRate, rate);
  }
  throw new Error(`${audioType} messages cannot be played by phone`);
}
