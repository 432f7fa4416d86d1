// The offline voicemail's files on their own: sealed audio refuses any change, and a cache
// folder left by a killed process (temporary files, stray or missing recordings, an index
// spoiled by outside hands) opens clean.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAudio, sealAudio } from '../../main/voicemail/audio-seal';
import { CacheFolder, type CacheIndex } from '../../main/voicemail/cache-folder';

const message = (id: string) => ({
  id,
  callerNumber: '+34600000000',
  callerName: null,
  receivedAt: '2026-11-27T10:00:00.000Z',
  durationSeconds: 4,
  read: false,
  audioType: 'audio/ogg',
});

describe('sealed voicemail audio', () => {
  const key = randomBytes(32);
  const plain = randomBytes(5000);
  const sealed = sealAudio(key, 'msg-1', plain);

  it('opens with its key and message id to the same bytes, and holds nothing of them readable', () => {
    expect(openAudio(key, 'msg-1', sealed).equals(plain)).toBe(true);
    expect(sealed.includes(plain.subarray(0, 32))).toBe(false);
    expect(sealAudio(key, 'msg-1', plain).equals(sealed)).toBe(false);
  });

  it('refuses another key, another message, a changed byte and a cut-short file', () => {
    expect(() => openAudio(randomBytes(32), 'msg-1', sealed)).toThrow();
    expect(() => openAudio(key, 'msg-2', sealed)).toThrow();
    const flipped = Buffer.from(sealed);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => openAudio(key, 'msg-1', flipped)).toThrow();
    expect(() => openAudio(key, 'msg-1', sealed.subarray(0, 20))).toThrow(/Not a sealed/);
  });
});

describe('CacheFolder', () => {
  let dir = '';
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('removes temporary and stray files and stops naming a recording whose file is gone', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-folder-'));
    const first = await CacheFolder.open(dir);
    const index: CacheIndex = {
      version: 1,
      messages: [
        { message: message('kept'), bytes: 3, cached: true },
        { message: message('lost'), bytes: 3, cached: true },
      ],
      queue: [{ id: 'kept', action: 'mark-read', key: '0b7c3c4e-4a43-4d1e-9d8f-3f0c6b1e2a10' }],
      syncedAt: '2026-11-27T10:00:00.000Z',
    };
    await first.save(index);
    await first.writeAudio('kept', Buffer.from('abc'));
    // What a killed sync can leave: a half-written file, a recording the index never took in.
    await writeFile(path.join(dir, 'kept.audio.1234.tmp'), 'half');
    await writeFile(path.join(dir, 'stray.audio'), 'sealed but never indexed');

    const reopened = await CacheFolder.open(dir);
    expect((await readdir(dir)).sort()).toEqual(['index.json', 'kept.audio']);
    expect(reopened.index.messages.map((m) => [m.message.id, m.cached])).toEqual([
      ['kept', true],
      ['lost', false],
    ]);
    expect(reopened.index.queue).toEqual(index.queue);
    expect((await stat(path.join(dir, 'index.json'))).mode & 0o777).toBe(0o600);
  });

  it('starts afresh from an index that does not fit its schema, and refuses a path as a message id', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-folder-'));
    await writeFile(path.join(dir, 'index.json'), JSON.stringify({ version: 1, messages: 'nope' }));
    const folder = await CacheFolder.open(dir);
    expect(folder.index).toEqual({ version: 1, messages: [], queue: [], syncedAt: null });
    expect(() => folder.audioFile('../index')).toThrow(/Not a message id/);
  });
});
