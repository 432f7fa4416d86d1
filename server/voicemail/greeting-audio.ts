import { decodeMp3, looksLikeMp3, readMp3Layout } from './audio/mp3';
import { AudioError, lowPass, mixToMono, resample, type Pcm } from './audio/pcm';
import { decodeWav, encodeWav, looksLikeWav, readWavFormat, wavDurationSeconds } from './audio/wav';
import { GREETING_MAX_SECONDS, WAV_TYPES } from '../../common/api/voicemail';

/** What the media agent plays: mono 16-bit PCM at Opus's native rate. */
export const GREETING_SAMPLE_RATE = 48_000;

/** The low-pass before a lower rate, as a fraction of that rate (3.6 kHz for 8 kHz: the phone band and a little). */
const ANTI_ALIAS_FRACTION = 0.45;

/** What an upload is re-encoded to, and what it may be. */
export interface UploadTarget {
  /** "The greeting", "The music": how errors name the file. */
  what: string;
  maxSeconds: number;
  sampleRate: number;
}

/**
 * An uploaded audio file (WAV or MP3), checked against its label and its limits before it is
 * decoded, and re-encoded as a mono 16-bit WAV at the target's rate. Every step runs in slices
 * (see audio/slices.ts): a large file never holds up the server's other work.
 */
export async function transcodeUpload(
  file: Buffer,
  mediaType: string,
  target: UploadTarget,
): Promise<Buffer> {
  const checkDuration = (seconds: number) => {
    if (seconds > target.maxSeconds)
      throw new AudioError(
        'too-long',
        `${target.what} lasts ${Math.ceil(seconds)} s; it may last at most ${target.maxSeconds} s`,
      );
  };
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
    pcm = await decodeMp3(layout, target.maxSeconds);
  }
  let mono = await mixToMono(pcm);
  // Down to a lower rate, what it cannot carry goes first (else it folds back as false tones).
  if (target.sampleRate < pcm.sampleRate)
    mono = await lowPass(mono, pcm.sampleRate, target.sampleRate * ANTI_ALIAS_FRACTION);
  return encodeWav(await resample(mono, pcm.sampleRate, target.sampleRate), target.sampleRate);
}

/** An uploaded greeting, re-encoded as the one format the media agent plays greetings in. */
export const transcodeGreeting = (file: Buffer, mediaType: string): Promise<Buffer> =>
  transcodeUpload(file, mediaType, {
    what: 'The greeting',
    maxSeconds: GREETING_MAX_SECONDS,
    sampleRate: GREETING_SAMPLE_RATE,
  });
