// The greeting's MP3 reading, on hand-made frames (the machine has no MP3 encoder): frames of
// another format refused, and decoding held to its limit whatever the frames' headers claim.
import { describe, expect, it } from 'vitest';
import { decodeMp3, readMp3Layout } from '../../server/voicemail/audio/mp3';
import { AudioError } from '../../server/voicemail/audio/pcm';
import { MP3_FRAME_SECONDS, silentMp3 } from '../support/audio';
import { mixedRateMp3 } from '../attacks/greeting-length';

describe('MP3 greetings', () => {
  it('refuses a file whose frames change sample rate, naming where', async () => {
    const refusal = await readMp3Layout(mixedRateMp3()).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AudioError);
    expect(refusal).toMatchObject({
      reason: 'unsupported',
      message: expect.stringMatching(/at byte 399936/),
    });
  });

  it('stops decoding past the limit even when the layout claims less', async () => {
    const layout = await readMp3Layout(silentMp3(Math.ceil(130 / MP3_FRAME_SECONDS)));
    expect(layout.durationSeconds).toBeGreaterThan(129);
    const understated = { ...layout, durationSeconds: 10 };
    await expect(decodeMp3(understated, 120)).rejects.toMatchObject({ reason: 'too-long' });
    const decoded = await decodeMp3(understated, 131);
    expect(decoded.channels[0]!.length / decoded.sampleRate).toBeCloseTo(layout.durationSeconds, 1);
  });
});
