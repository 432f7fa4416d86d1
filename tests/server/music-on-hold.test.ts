// Music-on-hold files through the REST API: WAV and MP3 uploads re-encoded once to 8 kHz mono
// (checked by sox, another program than the one that wrote them), bad uploads refused with a
// clear error while the old audio stays, renaming, the company's default, a ring group's own
// choice, and deletion refused while anything uses the file. Every write is in the audit log.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, useTestOffice } from '../support/office';
import {
  audioInfo,
  silentMp3,
  synthesise,
  toneFrequency,
  wavSamples,
  MP3_FRAME_SECONDS,
} from '../support/audio';

describe.each(DATABASES)('music on hold files on %s', (database) => {
  const office = useTestOffice(database);
  let admin: string;
  let dir: string;

  beforeAll(async () => {
    admin = await office.adminToken();
    dir = await mkdtemp(path.join(os.tmpdir(), 'music-files-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const api = (method: string, url: string, body?: unknown) =>
    office.request(method, url, { token: admin, body });
  const send = (method: string, url: string, file: Buffer, type: string, slug?: string) =>
    office.request(method, url, {
      token: admin,
      rawBody: file as unknown as string,
      headers: { 'content-type': type, ...(slug !== undefined && { slug }) },
    });
  const upload = (name: string, file: Buffer, type = 'audio/wav') =>
    send('POST', '/admin/music', file, type, encodeURIComponent(name));
  const audioOf = async (id: string) => (await api('GET', `/admin/music/${id}/audio`)).body as Buffer;
  /** Three seconds of 600 Hz, stereo 16-bit at 44.1 kHz: what a person's music file might be. */
  const tone = () =>
    synthesise(dir, `tone-${Date.now()}.wav`, ['-r', '44100', '-c', '2', '-b', '16'], ['3', 'sine', '600']);

  it('re-encodes a WAV once to mono 16-bit 8 kHz, keeping its sound, and takes an MP3', async () => {
    const created = await upload('Six hundred', await tone());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'Six hundred', isDefault: false });
    expect(created.body.durationSeconds).toBeCloseTo(3, 1);
    const stored = await audioOf(created.body.id);
    expect(await audioInfo(dir, stored)).toMatchObject({ sampleRate: 8000, channels: 1, bits: 16 });
    expect(Math.abs((await toneFrequency(dir, stored)) - 600)).toBeLessThan(5);

    const mp3 = await upload('Quiet', silentMp3(100), 'audio/mpeg');
    expect(mp3.status).toBe(201);
    expect(mp3.body.durationSeconds).toBeCloseTo(100 * MP3_FRAME_SECONDS, 1);
    const listed = (await api('GET', '/admin/music')).body.items.map((m: { name: string }) => m.name);
    expect(listed).toEqual(expect.arrayContaining(['Six hundred', 'Quiet']));
  }, 60_000);

  it('filters out what 8 kHz cannot carry instead of folding it back as a false tone', async () => {
    const rmsOf = async (hz: number) => {
      const wav = await synthesise(
        dir,
        `hz-${hz}.wav`,
        ['-r', '44100', '-c', '1', '-b', '16'],
        ['2', 'sine', String(hz)],
      );
      const stored = await audioOf((await upload(`${hz} Hz`, wav)).body.id);
      const file = path.join(dir, `stored-${hz}.wav`);
      await writeFile(file, stored);
      const { samples } = await wavSamples(file);
      // The middle second: the filter's start is not what is measured.
      const middle = samples.subarray(4000, 12_000);
      return Math.sqrt(middle.reduce((sum, sample) => sum + sample * sample, 0) / middle.length);
    };
    const kept = await rmsOf(500);
    expect(kept).toBeGreaterThan(5000);
    // 6 kHz would come back as a 2 kHz tone as loud as the 500 Hz one: it must be 30 dB down or more.
    expect((await rmsOf(6000)) / kept).toBeLessThan(0.03);
  }, 60_000);

  it('refuses lying, random, too long and oversized files with a clear error, and keeps the old audio', async () => {
    const created = await upload('Kept', await tone());
    const id = created.body.id as string;
    const before = await audioOf(id);
    const good = await tone();
    // A header that claims twice the data the file holds.
    const lying = Buffer.from(good);
    lying.writeUInt32LE(lying.readUInt32LE(40) * 2, 40);
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251));
    const long = await synthesise(
      dir,
      'long.wav',
      ['-r', '8000', '-c', '1', '-b', '8'],
      ['601', 'sine', '500'],
    );
    const huge = Buffer.concat([good, Buffer.alloc(20 * 1024 * 1024)]);
    const refusals: [string, Buffer, string, number, string, RegExp][] = [
      ['WAV with a lying header', lying, 'audio/wav', 400, 'bad_request', /truncated/],
      ['random bytes named MP3', random, 'audio/mpeg', 415, 'unsupported_media_type', /not audio/],
      ['WAV sent as MP3', good, 'audio/mpeg', 415, 'unsupported_media_type', /but is a WAV/],
      ['music over 10 minutes', long, 'audio/wav', 413, 'payload_too_large', /at most 600 s/],
      ['file over 20 MB', huge, 'audio/wav', 413, 'payload_too_large', /./],
      ['JSON', Buffer.from('{}'), 'application/json', 415, 'unsupported_media_type', /audio\/wav/],
    ];
    for (const [what, file, type, status, code, message] of refusals) {
      for (const response of [
        await send('PUT', `/admin/music/${id}/audio`, file, type),
        await upload(what, file, type),
      ]) {
        expect({ what, status: response.status, code: response.body.error?.code }).toEqual({
          what,
          status,
          code,
        });
        expect(response.body.error.message, what).toMatch(message);
      }
    }
    expect(Buffer.compare(await audioOf(id), before)).toBe(0);
    const names = (await api('GET', '/admin/music')).body.items.map((m: { name: string }) => m.name);
    expect(names).not.toContain('random bytes named MP3');
    const files = await readdir(path.join(office.office.config.dataDir, 'music'));
    expect(files.filter((name) => name.endsWith('.tmp'))).toEqual([]);

    // A good file replaces the audio, under the same id.
    const replaced = await send('PUT', `/admin/music/${id}/audio`, silentMp3(40), 'audio/mpeg');
    expect(replaced.status).toBe(200);
    expect(replaced.body.durationSeconds).toBeCloseTo(40 * MP3_FRAME_SECONDS, 1);
    expect(Buffer.compare(await audioOf(id), before)).not.toBe(0);
  }, 90_000);

  it('takes the name from the Slug header, percent-encoded UTF-8, and refuses a missing or bad one', async () => {
    const good = await tone();
    const named = await upload('Música de espera', good);
    expect(named.body.name).toBe('Música de espera');
    for (const [slug, code] of [
      [undefined, 'missing_field'],
      ['%20%20', 'missing_field'],
      ['%E2%82', 'invalid_field'],
      ['x'.repeat(121), 'invalid_field'],
    ] as const) {
      const refused = await send('POST', '/admin/music', good, 'audio/wav', slug);
      expect(refused.body.error, String(slug)).toMatchObject({ code, field: 'headers.slug' });
    }
  }, 60_000);

  it('renames, sets the default, and refuses to delete what the company or a group uses, naming them', async () => {
    const id = (await upload('Jazz', await tone())).body.id as string;
    expect((await api('PATCH', `/admin/music/${id}`, { name: 'Smooth jazz' })).body.name).toBe('Smooth jazz');
    expect((await api('PATCH', `/admin/music/${id}`, { name: ' ' })).status).toBe(400);
    expect((await api('PUT', '/admin/music-default', { musicId: id })).status).toBe(200);
    expect((await api('GET', `/admin/music/${id}`)).body.isDefault).toBe(true);
    expect((await api('PUT', '/admin/music-default', { musicId: 'no-such-music' })).status).toBe(404);
    expect((await api('GET', `/admin/music/${id}`)).body.isDefault).toBe(true);

    const group = await api('POST', '/admin/ring-groups', {
      name: 'Sales line',
      strategy: 'all',
      members: [],
      callerHears: 'music',
      musicId: id,
    });
    expect(group.status).toBe(201);
    expect(group.body).toMatchObject({ callerHears: 'music', musicId: id });
    const unknown = await api('PATCH', `/admin/ring-groups/${group.body.id}`, { musicId: 'nothing-here' });
    expect(unknown.body.error).toMatchObject({ code: 'invalid_field', field: 'body.musicId' });

    const refused = await api('DELETE', `/admin/music/${id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe(
      'The music is still used by the company’s default, ring group Sales line',
    );
    await api('PUT', '/admin/music-default', { musicId: null });
    await api('PATCH', `/admin/ring-groups/${group.body.id}`, { musicId: null, callerHears: 'ringing' });
    expect((await api('DELETE', `/admin/music/${id}`)).status).toBe(204);
    expect((await api('GET', `/admin/music/${id}/audio`)).status).toBe(404);
    const files = await readdir(path.join(office.office.config.dataDir, 'music'));
    expect(files).not.toContain(`${id}.wav`);

    const audit = (await api('GET', '/admin/audit-log?limit=200')).body.items as {
      action: string;
      targetId: string;
    }[];
    const actions = audit.filter((entry) => entry.targetId === id).map((entry) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining(['music.created', 'music.updated', 'music.default', 'music.deleted']),
    );
  }, 60_000);

  it('a receptionist chooses its own music: checked, listed, and the file cannot go while it is used', async () => {
    const id = (await upload('Lobby', await tone())).body.id as string;
    const allDay = [{ from: '00:00', to: '24:00' }];
    const body = {
      name: 'Lobby desk',
      hours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, allDay])),
      holidays: [],
      menus: [
        {
          id: 'main',
          greeting: { kind: 'text', text: 'Hello.' },
          options: [],
          timeoutSeconds: 5,
          fallback: { type: 'hang-up' },
        },
      ],
      openMenu: 'main',
      closedMenu: 'main',
      holidayMenu: 'main',
    };
    const unknown = await api('POST', '/admin/receptionists', { ...body, musicId: 'nothing-here' });
    expect([unknown.status, unknown.body.error]).toMatchObject([
      400,
      { code: 'invalid_field', field: 'body.musicId' },
    ]);
    expect((await api('POST', '/admin/receptionists', { ...body, musicId: 42 })).status).toBe(400);
    // Nothing half-made stays: the refused receptionist took no extension.
    const listed = () => api('GET', '/admin/receptionists');
    expect((await listed()).body.items.map((r: { name: string }) => r.name)).not.toContain('Lobby desk');

    const created = await api('POST', '/admin/receptionists', body);
    expect(created.body).toMatchObject({ musicId: null, callerHears: 'ringing' });
    const receptionist = created.body.id as string;
    const chosen = await api('PATCH', `/admin/receptionists/${receptionist}`, {
      musicId: id,
      callerHears: 'music',
    });
    expect([chosen.status, chosen.body.musicId, chosen.body.callerHears]).toEqual([200, id, 'music']);
    const unheard = await api('PATCH', `/admin/receptionists/${receptionist}`, { callerHears: 'silence' });
    expect(unheard.body.error).toMatchObject({ code: 'invalid_field', field: 'body.callerHears' });
    const refusedPatch = await api('PATCH', `/admin/receptionists/${receptionist}`, { musicId: 'gone' });
    expect(refusedPatch.body.error).toMatchObject({ code: 'invalid_field', field: 'body.musicId' });
    expect((await api('GET', `/admin/receptionists/${receptionist}`)).body.musicId).toBe(id);

    const refused = await api('DELETE', `/admin/music/${id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe('The music is still used by receptionist Lobby desk');
    expect((await api('GET', `/admin/music/${id}`)).status).toBe(200);
    // Another change that leaves the music out keeps it.
    await api('PATCH', `/admin/receptionists/${receptionist}`, { name: 'Lobby' });
    expect((await api('GET', `/admin/receptionists/${receptionist}`)).body).toMatchObject({
      musicId: id,
      callerHears: 'music',
    });
    await api('PATCH', `/admin/receptionists/${receptionist}`, { musicId: null });
    expect((await api('DELETE', `/admin/music/${id}`)).status).toBe(204);
  }, 60_000);

  it('keeps at most 50 files, however many uploads arrive at once', async () => {
    const { db } = office.office;
    const kept = Number(
      (await db.selectFrom('music_files').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow())
        .n,
    );
    await db
      .insertInto('music_files')
      .values(
        Array.from({ length: 49 - kept }, (_, i) => ({
          id: `filler-${i}`,
          name: `Filler ${i}`,
          duration_ms: 1000,
          is_default: 0 as const,
          created_at: new Date().toISOString(),
        })),
      )
      .execute();
    const small = await synthesise(
      dir,
      'small.wav',
      ['-r', '8000', '-c', '1', '-b', '16'],
      ['0.2', 'sine', '500'],
    );
    const answers = await Promise.all(Array.from({ length: 5 }, (_, i) => upload(`Rush ${i}`, small)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(answers.find((answer) => answer.status === 409)!.body.error.message).toMatch(
      /at most 50 music files/,
    );
    expect((await api('GET', '/admin/music')).body.items).toHaveLength(50);
    const files = await readdir(path.join(office.office.config.dataDir, 'music'));
    // The refused uploads' audio, written before their rows were refused, is gone again.
    expect(files.filter((name) => name.endsWith('.wav'))).toHaveLength(kept + 1);
    await db.deleteFrom('music_files').where('id', 'like', 'filler-%').execute();
  }, 60_000);
});
