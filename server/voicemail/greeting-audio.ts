import { decodeMp3, looksLikeMp3, readMp3Layout } from './audio/mp3';
import { AudioError, mixToMono, resample, type Pcm } from './audio/pcm';
import { decodeWav, encodeWav, looksLikeWav, readWavFormat, wavDurationSeconds } from './audio/wav';
import { GREETING_MAX_SECONDS, WAV_TYPES } from '../../common/api/voicemail';

/** What the media agent plays: mono 16-bit PCM at Opus's native rate. */
export const GREETING_SAMPLE_RATE = 48_000;

function checkDuration(seconds: number): void {
  if (seconds > GREETING_MAX_SECONDS) {
    throw new AudioError(
      'too-long',
      `The greeting lasts ${Math.ceil(seconds)} s; it may last at most ${GREETING_MAX_SECONDS} s`,
    );
  }
}

/**
 * An uploaded greeting, checked against its label and its limits before it is decoded, and
 * re-encoded as the one format the media agent plays. Every step runs in slices (see
 * audio/slices.ts): a 5 MB file never holds up the server's other work.
 */
export async function transcodeGreeting(file: Buffer, mediaType: string): Promise<Buffer> {
  const labelledWav = WAV_TYPES.includes(mediaType);
  if (labelledWav ? !looksLikeWav(file) : !looksLikeMp3(file)) {
    const actually = looksLikeWav(file) ? 'a WAV file' : looksLikeMp3(file) ? 'an MP3 file' : 'not audio';
    throw new AudioError('mislabelled', `The file is sent as ${mediaType} but is ${actually}`);
  }
  let pcm: Pcm;
  if (labelledWav) {
    const format = readWavFormat(file);
    checkDuration(wavDurationSeconds(format));
    pcm = await decodeWav(file, format);
  } else {
    const layout = await readMp3Layout(file);
    checkDuration(layout.durationSeconds);
    pcm = await decodeMp3(layout, GREETING_MAX_SECONDS);
  }
  const mono = await resample(await mixToMono(pcm), pcm.sampleRate, GREETING_SAMPLE_RATE);
  return encodeWav(mono, GREETING_SAMPLE_RATE);
}
