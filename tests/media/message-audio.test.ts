// A stored message as the voicemail menu plays it: Ogg/Opus decoded at the caller's rate (8 kHz
// for G.711, 48 kHz for WebRTC), a WAV resampled, anything else refused with the reason.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageSamples } from '../../server/media/message-audio';
import { loudSeconds, toneFrequency } from '../support/tone';
import { toneOggOpus, writeToneWav } from '../support/voicemail-box';

describe('a message’s audio for the phone', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'message-audio-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([8000, 48_000])('decodes Ogg/Opus at %i Hz: the tone, as long as it was', (rate) => {
    const samples = messageSamples(toneOggOpus(1.5, 600), 'audio/ogg', rate);
    expect(Math.abs(samples.length / rate - 1.5)).toBeLessThan(0.03);
    expect(Math.abs(toneFrequency(samples, rate) - 600)).toBeLessThan(6);
    expect(Math.abs(loudSeconds(samples, rate) - 1.5)).toBeLessThanOrEqual(0.1);
  });

  it('resamples a 48 kHz WAV to the caller’s 8 kHz', async () => {
    const file = path.join(dir, 'tone.wav');
    writeToneWav(file, 1, 900);
    const samples = messageSamples(await readFile(file), 'audio/wav', 8000);
    expect(samples.length).toBe(8000);
    expect(Math.abs(toneFrequency(samples, 8000) - 900)).toBeLessThan(9);
  });

  it('refuses what it cannot play, saying why', () => {
    expect(() => messageSamples(Buffer.from('webm'), 'audio/webm', 8000)).toThrow(
      'audio/webm messages cannot be played by phone',
    );
    expect(() => messageSamples(Buffer.from('OggS-not-really'), 'audio/ogg', 8000)).toThrow();
    expect(() => messageSamples(toneOggOpus(0.2, 600), 'audio/ogg', 44_100)).toThrow(
      'Opus does not decode at 44100 Hz',
    );
  });
});
