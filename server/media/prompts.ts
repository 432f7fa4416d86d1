// What the agent plays: the box's uploaded greeting, else the default one in the owner's
// language, the mailbox menu's prompts and numbers (server/media/prompts, made by
// scripts/make-voicemail-prompts.sh), and the beep.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../logger';
import { readWav } from './wav';
import type { VoicemailFiles } from '../voicemail/voicemail-files';
import { resample } from './resample';
import type { ConferencePrompt } from './conference/conference-prompts';

export const PROMPT_LANGUAGES = ['en', 'es', 'fr'] as const;
export type PromptLanguage = (typeof PROMPT_LANGUAGES)[number];

/** A greeting longer than this is cut: the caller came to leave a message. */
export const MAX_GREETING_SECONDS = 60;
export const BEEP_SECONDS = 0.4;
const BEEP_HZ = 1000;

const PROMPTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'prompts');

/** The mailbox menu's fixed prompts: `prompts/<language>/<name>.wav`. */
export const VOICE_PROMPTS = [
  'enter-mailbox',
  'enter-pin',
  'wrong-pin',
  'locked',
  'no-pin',
  'goodbye',
  'you-have',
  'new-none',
  'new-one',
  'new-many',
  'and',
  'saved-one',
  'saved-many',
  'message',
  'from',
  'menu',
  'deleted',
  'no-more',
  'more-than-20',
] as const;
export type VoicePrompt = (typeof VOICE_PROMPTS)[number];
/** Numbers up to this are spoken as one word (`prompts/<language>/n<number>.wav`); beyond, "more than". */
export const MAX_SPOKEN_NUMBER = 20;

export interface GreetingSource {
  boxId: string;
  /** The uploaded greeting's file name in the voicemail folder, if any. */
  greetingFile: string | null;
  language: PromptLanguage;
}

/** A WAV file's samples at `rate`, cut at MAX_GREETING_SECONDS. */
export function wavAt(file: Buffer, rate: number): Int16Array {
  const audio = readWav(file);
  const samples = resample(audio.samples, audio.sampleRate, rate);
  return samples.subarray(0, MAX_GREETING_SECONDS * rate);
}

export class Prompts {
  /** Built-in prompts, read and resampled once per language and rate. */
  private readonly builtIn = new Map<string, Promise<Int16Array>>();

  constructor(
    /** Where uploaded greetings are read (sealed at rest). */
    private readonly greetings: Pick<VoicemailFiles, 'read'>,
    private readonly logger: Logger,
  ) {}

  /** The greeting at `rate`; an uploaded one that cannot be read is logged and the default plays. */
  async greeting(source: GreetingSource, rate: number): Promise<Int16Array> {
    if (source.greetingFile) {
      try {
        return wavAt(await this.greetings.read(source.greetingFile), rate);
      } catch (error) {
        this.logger.warn(
          { boxId: source.boxId, error: String(error) },
          'uploaded greeting unreadable: default played',
        );
      }
    }
    return this.defaultGreeting(source.language, rate);
  }

  defaultGreeting(language: PromptLanguage, rate: number): Promise<Int16Array> {
    return this.load(`${language}.wav`, rate);
  }

  /** One of the mailbox menu's (or a conference bridge's) prompts. */
  voice(language: PromptLanguage, name: VoicePrompt | ConferencePrompt, rate: number): Promise<Int16Array> {
    return this.load(`${language}/${name}.wav`, rate);
  }

  /** A whole number from 0 to MAX_SPOKEN_NUMBER (a digit of a phone number, a count). */
  number(language: PromptLanguage, n: number, rate: number): Promise<Int16Array> {
    if (!Number.isInteger(n) || n < 0 || n > MAX_SPOKEN_NUMBER) throw new RangeError(`no prompt for ${n}`);
    return this.load(`${language}/n${n}.wav`, rate);
  }

  private load(file: string, rate: number): Promise<Int16Array> {
    const key = `${file}@${rate}`;
    let samples = this.builtIn.get(key);
    if (!samples) {
      samples = readFile(path.join(PROMPTS_DIR, file)).then((wav) => wavAt(wav, rate));
      // A failed read is not kept: the next call tries again.
      samples.catch(() => this.builtIn.delete(key));
      this.builtIn.set(key, samples);
    }
    return samples;
  }
}

/** A short tone with soft edges (no click). */
export function beep(rate: number): Int16Array {
  const length = Math.round(BEEP_SECONDS * rate);
  const ramp = Math.round(0.01 * rate);
  return Int16Array.from({ length }, (_, i) => {
    const edge = Math.min(1, i / ramp, (length - 1 - i) / ramp);
    return Math.round(12000 * edge * Math.sin((2 * Math.PI * BEEP_HZ * i) / rate));
  });
}
