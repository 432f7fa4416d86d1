import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, useTestOffice, type TestOffice } from '../support/office';
import {
  MP3_FRAME_SECONDS,
  audioInfo,
  silentMp3,
  speechWav,
  synthesise,
  toneFrequency,
} from '../support/audio';

describe.each(DATABASES)('voicemail greetings on %s', (database) => {
  const office = useTestOffice(database);
  let user: Awaited<ReturnType<TestOffice['createSignedInUser']>>;
  let dir: string;

  beforeAll(async () => {
    user = await office.createSignedInUser(await office.adminToken(), 'Greeting Owner');
    dir = await mkdtemp(path.join(os.tmpdir(), 'greeting-files-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const upload = (file: Buffer, type: string, token = user.token) =>
    office.request('PUT', '/me/voicemail/greeting', {
      token,
      rawBody: file as unknown as string,
      headers: { 'content-type': type },
    });
  /** One second of 500 Hz, mono 16-bit at 8 kHz: a small valid greeting. */
  const shortTone = (name: string) =>
    synthesise(dir, name, ['-r', '8000', '-c', '1', '-b', '16'], ['1', 'sine', '500']);
  const current = () => office.request('GET', '/me/voicemail/greeting', { token: user.token });

  it('re-encodes WAV of any depth, rate and channels into mono 16-bit 48 kHz, keeping the sound', async () => {
    const cases = [
      { name: 'tone-8k-8bit-stereo.wav', format: ['-r', '8000', '-c', '2', '-b', '8'], hz: 440 },
      { name: 'tone-44k-24bit-stereo.wav', format: ['-r', '44100', '-c', '2', '-b', '24'], hz: 1000 },
      { name: 'tone-16k-16bit-mono.wav', format: ['-r', '16000', '-c', '1', '-b', '16'], hz: 700 },
    ];
    for (const { name, format, hz } of cases) {
      const wav = await synthesise(dir, name, format, ['2', 'sine', String(hz)]);
      expect((await upload(wav, 'audio/wav')).status).toBe(204);
      const stored = await current();
      expect(stored.status).toBe(200);
      expect(stored.headers.get('content-type')).toBe('audio/wav');
      expect(await audioInfo(dir, stored.body)).toEqual({
        sampleRate: 48_000,
        channels: 1,
        bits: 16,
        seconds: 2,
      });
      expect(Math.abs((await toneFrequency(dir, stored.body)) - hz) / hz).toBeLessThan(0.02);
    }
  });

  it('takes espeak-ng speech and a hand-made MP3', async () => {
    const speech = await speechWav(
      dir,
      'Hello, you have reached the greeting owner. Please leave a message.',
    );
    const spoken = await audioInfo(dir, speech);
    expect((await upload(speech, 'audio/x-wav')).status).toBe(204);
    expect((await audioInfo(dir, (await current()).body)).seconds).toBeCloseTo(spoken.seconds, 2);

    expect((await upload(silentMp3(100), 'audio/mpeg')).status).toBe(204);
    const fromMp3 = await audioInfo(dir, (await current()).body);
    expect(fromMp3).toMatchObject({ sampleRate: 48_000, channels: 1, bits: 16 });
    expect(fromMp3.seconds).toBeCloseTo(100 * MP3_FRAME_SECONDS, 1);
  });

  it('refuses bad, truncated, mislabelled, too long and oversized files and keeps the old greeting', async () => {
    const good = await shortTone('keep.wav');
    expect((await upload(good, 'audio/wav')).status).toBe(204);
    const before = (await current()).body as Buffer;

    const longWav = await synthesise(
      dir,
      'long.wav',
      ['-r', '8000', '-c', '1', '-b', '8'],
      ['150', 'sine', '500'],
    );
    const floatWav = await synthesise(
      dir,
      'float.wav',
      ['-r', '8000', '-e', 'floating-point', '-b', '32'],
      ['1', 'sine', '500'],
    );
    // Refused as it arrives, before anything reads it: its content does not matter.
    const hugeWav = Buffer.concat([good, Buffer.alloc(5 * 1024 * 1024)]);
    const refusals: [string, Buffer, string, number, string, RegExp][] = [
      ['truncated WAV', good.subarray(0, good.length - 1001), 'audio/wav', 400, 'bad_request', /truncated/],
      [
        'WAV sent as MP3',
        good,
        'audio/mpeg',
        415,
        'unsupported_media_type',
        /sent as audio\/mpeg but is a WAV/,
      ],
      ['MP3 sent as WAV', silentMp3(5), 'audio/wav', 415, 'unsupported_media_type', /but is an MP3/],
      [
        'text sent as WAV',
        Buffer.from('not audio at all'),
        'audio/wav',
        415,
        'unsupported_media_type',
        /not audio/,
      ],
      ['truncated MP3', silentMp3(10).subarray(0, 4000), 'audio/mpeg', 400, 'bad_request', /truncated/],
      [
        'damaged MP3',
        Buffer.concat([silentMp3(3), Buffer.alloc(500, 7)]),
        'audio/mpeg',
        400,
        'bad_request',
        /damaged/,
      ],
      ['floating-point WAV', floatWav, 'audio/wav', 415, 'unsupported_media_type', /PCM/],
      ['150 s greeting', longWav, 'audio/wav', 413, 'payload_too_large', /at most 120 s/],
      [
        'MP3 over 2 minutes',
        silentMp3(Math.ceil(121 / MP3_FRAME_SECONDS)),
        'audio/mpeg',
        413,
        'payload_too_large',
        /120 s/,
      ],
      ['file over 5 MB', hugeWav, 'audio/wav', 413, 'payload_too_large', /./],
      [
        'JSON',
        Buffer.from('{"greeting":1}'),
        'application/json',
        415,
        'unsupported_media_type',
        /audio\/wav/,
      ],
      ['Ogg label', good, 'audio/ogg', 415, 'unsupported_media_type', /./],
    ];
    for (const [what, file, type, status, code, message] of refusals) {
      const response = await upload(file, type);
      expect({ what, status: response.status, code: response.body.error?.code }).toEqual({
        what,
        status,
        code,
      });
      expect(response.body.error.message, what).toMatch(message);
    }
    expect(Buffer.compare((await current()).body, before)).toBe(0);
    const greetings = await readdir(path.join(office.office.voicemailFiles.dir, 'greetings'));
    expect(greetings.filter((name) => name.endsWith('.tmp'))).toEqual([]);
  }, 90_000);

  it('goes back to the default, and shows no one else the greeting', async () => {
    const other = await office.createSignedInUser(await office.adminToken(), 'Other Greeter');
    const wav = await shortTone('mine.wav');
    expect((await upload(wav, 'audio/wav')).status).toBe(204);
    expect((await office.request('GET', '/me/voicemail/greeting', { token: other.token })).status).toBe(404);

    expect((await office.request('DELETE', '/me/voicemail/greeting', { token: user.token })).status).toBe(
      204,
    );
    expect((await current()).status).toBe(404);
    const box = await office.office.db
      .selectFrom('voicemail_boxes')
      .innerJoin('extensions', 'extensions.id', 'voicemail_boxes.extension_id')
      .select('voicemail_boxes.greeting_file')
      .where('extensions.user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(box.greeting_file).toBeNull();
    expect(await readdir(path.join(office.office.voicemailFiles.dir, 'greetings'))).toEqual([]);
    expect((await office.request('DELETE', '/me/voicemail/greeting', { token: user.token })).status).toBe(
      204,
    );
  });
});
