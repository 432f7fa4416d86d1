// A data folder left by an office from before recordings were sealed: files 0644 and folders
// 0755, plain Ogg messages and WAV greetings, a temporary file from a write that was killed,
// and a migration stopped halfway (one file already sealed). The next start makes it private,
// seals what is plain, drops the temporary file, and the API serves every byte as before (the
// old greeting with the same ETag); a start after that changes nothing. SQLite only: the
// voicemail folder is the same with PostgreSQL, and the database files are SQLite's.
import { randomBytes, randomUUID } from 'node:crypto';
import { chmod, mkdtemp, readFile, readdir, readlink, rm, stat, utimes, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestOffice } from '../support/office';
import { boxOf, leaveToneMessage, toneOggOpus, uploadToneGreeting } from '../support/voicemail-box';
import { greetingFileOf } from '../../server/voicemail/voicemail-files';
import { encodeWav } from '../../server/voicemail/audio/wav';
import { inspectDataFolder } from '../attacks/data-folder';
import { storeVoicemail } from '../../server/directory/voicemail';

describe('voicemail kept by an older office', () => {
  let parent: string;
  let dataDir: string;
  let office: TestOffice;
  let owner: Awaited<ReturnType<TestOffice['createSignedInUser']>>;
  const oldMessage = toneOggOpus(2, 440);
  // Filled in beforeAll: the encoder yields to the event loop between slices.
  let oldGreeting: Buffer;
  const oldGreetingTime = new Date('2025-11-05T09:30:00.123Z');
  const ids = { old: randomUUID(), sealed: '' };
  const voicemail = () => path.join(dataDir, 'voicemail');

  const start = async () => {
    office = await TestOffice.start('sqlite', { dataDir });
  };
  const get = (url: string, headers: Record<string, string> = {}) =>
    office.request('GET', url, { token: owner.token, headers });

  beforeAll(async () => {
    oldGreeting = await encodeWav(
      Float32Array.from({ length: 48_000 }, (_, i) => 0.4 * Math.sin((2 * Math.PI * 300 * i) / 48_000)),
      48_000,
    );
    parent = await mkdtemp(path.join(os.tmpdir(), 'switchboard-at-rest-'));
    dataDir = path.join(parent, 'office');
    await start();
    owner = await office.createSignedInUser(await office.adminToken(), 'Olden Owner');
    const box = await boxOf(office.office, owner.extension);
    // Sealed by this office: the part of a migration that was done before it stopped.
    ids.sealed = await leaveToneMessage(office.office, owner.extension, {
      seconds: 1,
      hz: 600,
      callerNumber: '101',
      receivedAt: '2026-01-02T10:00:00.000Z',
    });
    // Plain, as an older office wrote them.
    await writeFile(path.join(voicemail(), `${ids.old}.ogg`), oldMessage);
    await office.office.db
      .insertInto('voicemail_messages')
      .values({
        id: ids.old,
        box_id: box.id,
        caller_number: '102',
        caller_name: null,
        received_at: '2026-01-01T10:00:00.000Z',
        duration_seconds: 2,
        read: 0,
        audio_file: `${ids.old}.ogg`,
        audio_type: 'audio/ogg',
      })
      .execute();
    const greeting = path.join(voicemail(), greetingFileOf(box.id));
    await writeFile(greeting, oldGreeting);
    await utimes(greeting, oldGreetingTime, oldGreetingTime);
    await office.office.db
      .updateTable('voicemail_boxes')
      .set({ greeting_file: greetingFileOf(box.id) })
      .where('id', '=', box.id)
      .execute();
    await office.close();
    // What a write killed halfway left behind.
    await writeFile(
      path.join(voicemail(), `${randomUUID()}.ogg.${randomUUID()}.tmp`),
      oldMessage.subarray(0, 500),
    );
    for (const folder of [dataDir, voicemail(), path.join(voicemail(), 'greetings')]) {
      await chmod(folder, 0o755);
      for (const entry of await readdir(folder, { withFileTypes: true }))
        if (entry.isFile()) await chmod(path.join(folder, entry.name), 0o644);
    }
    expect((await inspectDataFolder(dataDir)).every((outcome) => outcome.succeeded)).toBe(true);
    await start();
  });
  afterAll(async () => {
    await office?.close();
    await rm(parent, { recursive: true, force: true });
  });

  it('is made private and sealed at the next start, leaving no temporary file', async () => {
    expect((await inspectDataFolder(dataDir)).filter((outcome) => outcome.succeeded)).toEqual([]);
    const names = await readdir(voicemail(), { recursive: true });
    expect(names.filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(names.filter((name) => name.endsWith('.ogg')).sort()).toEqual(
      [`${ids.old}.ogg`, `${ids.sealed}.ogg`].sort(),
    );
  });

  it('serves the old recording and greeting byte for byte, ranges included, the greeting under its old ETag', async () => {
    const message = await get(`/me/voicemail/${ids.old}/audio`);
    expect([message.status, message.headers.get('content-length')]).toEqual([200, String(oldMessage.length)]);
    expect(message.body.equals(oldMessage)).toBe(true);
    const part = await get(`/me/voicemail/${ids.old}/audio`, { range: 'bytes=100-199' });
    expect([part.status, part.headers.get('content-range')]).toEqual([
      206,
      `bytes 100-199/${oldMessage.length}`,
    ]);
    expect(part.body.equals(oldMessage.subarray(100, 200))).toBe(true);

    const greeting = await get('/me/voicemail/greeting');
    expect(greeting.body.equals(oldGreeting)).toBe(true);
    expect(greeting.headers.get('etag')).toBe(`"${oldGreetingTime.getTime()}-${oldGreeting.length}"`);
    expect(
      (await get('/me/voicemail/greeting', { 'if-none-match': greeting.headers.get('etag')! })).status,
    ).toBe(304);
    const sealedToo = await get(`/me/voicemail/${ids.sealed}/audio`);
    expect(sealedToo.body.subarray(0, 4).toString('latin1')).toBe('OggS');
  });

  it('is left as it is by the start after that', async () => {
    const files = (await readdir(voicemail(), { recursive: true })).filter((name) =>
      /\.(ogg|wav)$/.test(name),
    );
    const before = await Promise.all(files.map((name) => readFile(path.join(voicemail(), name))));
    const times = await Promise.all(
      files.map(async (name) => (await stat(path.join(voicemail(), name))).mtimeMs),
    );
    await office.close();
    await start();
    for (const [i, name] of files.entries()) {
      expect((await readFile(path.join(voicemail(), name))).equals(before[i]!), name).toBe(true);
      expect((await stat(path.join(voicemail(), name))).mtimeMs, name).toBe(times[i]);
    }
    expect((await get(`/me/voicemail/${ids.old}/audio`)).body.equals(oldMessage)).toBe(true);
  });

  it('leaves nothing of a deleted user’s voicemail on disk, greeting included', async () => {
    const admin = await office.adminToken();
    const leaving = await office.createSignedInUser(admin, 'Leaving Lena');
    const box = await boxOf(office.office, leaving.extension);
    await uploadToneGreeting(office.office, box.id, 0.5, 300);
    const message = await leaveToneMessage(office.office, leaving.extension, {
      seconds: 1,
      hz: 500,
      callerNumber: '103',
      receivedAt: '2026-01-03T10:00:00.000Z',
    });
    const files = [`${message}.ogg`, greetingFileOf(box.id)];
    const onDisk = async () =>
      (await readdir(voicemail(), { recursive: true })).filter((name) => files.includes(name));
    expect((await onDisk()).sort()).toEqual([...files].sort());
    expect((await office.request('DELETE', `/admin/users/${leaving.id}`, { token: admin })).status).toBe(204);
    expect(await onDisk()).toEqual([]);
  });

  it('closes every recording it opens, whatever the answer: 304, 416, 206, or a listener gone mid-way', async () => {
    const id = await storeVoicemail(office.office.db, office.office.voicemailFiles, {
      extension: owner.extension,
      callerNumber: '104',
      callerName: null,
      receivedAt: '2026-01-04T10:00:00.000Z',
      durationSeconds: 60,
      audio: randomBytes(2_000_000),
      audioType: 'audio/ogg',
    });
    const url = `/me/voicemail/${id}/audio`;
    // A file left open would be closed by the garbage collector later, which Node warns of.
    const collected: string[] = [];
    const onWarning = (warning: Error) => {
      if (/file descriptor .* on garbage collection/.test(warning.message)) collected.push(warning.message);
    };
    process.on('warning', onWarning);
    const etag = (await get(url)).headers.get('etag')!;
    /** A listener who hangs up after the first bytes: the socket closes with the answer half sent. */
    const leftListening = () =>
      new Promise<void>((resolve, reject) => {
        const request = http.get(
          `${office.baseUrl}/api/v1${url}`,
          { headers: { authorization: `Bearer ${owner.token}` } },
          (response) =>
            response.once('data', () => {
              request.destroy();
              resolve();
            }),
        );
        request.on('error', reject);
      });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => [
        get(url, { 'if-none-match': etag }).then((r) => r.status),
        get(url, { range: 'bytes=3000000-' }).then((r) => r.status),
        get(url, { range: 'bytes=100-70000' }).then((r) => r.status),
        leftListening().then(() => 'gone'),
      ]).flat(),
    );
    expect(new Set(answers)).toEqual(new Set([304, 416, 206, 'gone']));
    /** This process's open files in the voicemail folder (the office runs in it). */
    const openHere = async () => {
      const links = await Promise.all(
        (await readdir('/proc/self/fd')).map((fd) => readlink(`/proc/self/fd/${fd}`).catch(() => '')),
      );
      return links.filter((link) => link.startsWith(voicemail()));
    };
    for (let i = 0; i < 50 && (await openHere()).length > 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    process.off('warning', onWarning);
    expect(await openHere()).toEqual([]);
    expect(collected).toEqual([]);
  });
});
