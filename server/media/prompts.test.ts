import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_SPOKEN_NUMBER, PROMPT_LANGUAGES, Prompts, VOICE_PROMPTS } from './prompts';
import { readWav } from './wav';
import { CONFERENCE_PROMPTS } from './conference/conference-prompts';
import { silentLogger } from '../logger';

describe('the mailbox menu’s prompts', () => {
  const names = [
    ...VOICE_PROMPTS,
    ...CONFERENCE_PROMPTS,
    ...Array.from({ length: MAX_SPOKEN_NUMBER + 1 }, (_, n) => `n${n}`),
  ];

  it.each(PROMPT_LANGUAGES)('are all there in %s: 8 kHz mono 16-bit, short, not silent', async (language) => {
    for (const name of names) {
      const file = path.join(import.meta.dirname, 'prompts', language, `${name}.wav`);
      const wav = readWav(await readFile(file));
      expect(wav.sampleRate, name).toBe(8000);
      expect(wav.samples.length / 8000, name).toBeGreaterThan(0.15);
      expect(wav.samples.length / 8000, name).toBeLessThan(12);
      expect(Math.max(...wav.samples.map(Math.abs)), name).toBeGreaterThan(10_000);
    }
  });

  it('loads each once per rate, resampled for a 48 kHz caller, and refuses a number it cannot say', async () => {
    const noGreetings = { read: () => Promise.reject(new Error('no uploaded greetings here')) };
    const prompts = new Prompts(noGreetings, silentLogger);
    const at8k = await prompts.voice('fr', 'goodbye', 8000);
    const at48k = await prompts.voice('fr', 'goodbye', 48_000);
    expect(at48k.length).toBe(at8k.length * 6);
    expect(await prompts.voice('fr', 'goodbye', 8000)).toBe(at8k);
    expect((await prompts.number('es', 7, 8000)).length).toBeGreaterThan(0);
    expect(() => prompts.number('es', 21, 8000)).toThrow(RangeError);
  });
});
