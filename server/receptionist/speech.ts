// Text the office speaks (a menu's greeting, a colleague's name in the directory), made once by
// espeak-ng and kept as a sealed WAV in the voicemail folder's greetings/, named by what it says:
// saving a menu makes it, and a call only ever reads the file.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { PromptLanguage } from '../media/prompts';
import { readWav } from '../media/wav';
import { encodeWav } from '../voicemail/audio/wav';
import type { VoicemailFiles } from '../voicemail/voicemail-files';

/** espeak-ng reads this long at most (a menu's greeting is shorter): a stuck process is killed. */
const SPEAK_TIMEOUT_MS = 20_000;
const MAX_WAV_BYTES = 16 * 1024 * 1024;

/** The file that holds `text` spoken in `language`. */
export const spokenFileOf = (language: PromptLanguage, text: string) =>
  `greetings/spoken-${createHash('sha256').update(`${language}\n${text}`).digest('hex').slice(0, 40)}.wav`;

/** Runs espeak-ng on the text (given on stdin, so no text is ever read as an option). */
function espeak(language: PromptLanguage, text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'espeak-ng',
      ['-v', language, '-s', '160', '--stdin', '--stdout'],
      { encoding: 'buffer', timeout: SPEAK_TIMEOUT_MS, maxBuffer: MAX_WAV_BYTES },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
    child.stdin?.end(text);
  });
}

export class Speech {
  /** Files being made now: a second request for the same text waits for the first. */
  private readonly making = new Map<string, Promise<string>>();
  /** One espeak-ng at a time: saving many menus at once must not fork a process each. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly files: Pick<VoicemailFiles, 'open' | 'write'>) {}

  /** The sealed file of the text spoken in the language, made now unless it already exists. */
  spoken(language: PromptLanguage, text: string): Promise<string> {
    const name = spokenFileOf(language, text);
    let made = this.making.get(name);
    if (!made) {
      made = this.make(name, language, text).finally(() => this.making.delete(name));
      this.making.set(name, made);
    }
    return made;
  }

  private async make(name: string, language: PromptLanguage, text: string): Promise<string> {
    const existing = await this.files.open(name);
    if (existing) {
      await existing.close();
      return name;
    }
    const turn = this.queue.then(() => espeak(language, text));
    this.queue = turn.catch(() => undefined);
    // espeak-ng writes a WAV header with unknown lengths to a pipe: read it and write a proper one.
    const { samples, sampleRate } = readWav(await turn);
    const floats = Float32Array.from(samples, (sample) => sample / 32768);
    await this.files.write(name, await encodeWav(floats, sampleRate));
    return name;
  }
}
