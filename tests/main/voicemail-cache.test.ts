// VoicemailCache against a real office on loopback (reached through a recording HTTP proxy that
// the tests close to cut the office off), with the real OS keyring (see scripts/test.sh).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { watch } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import keytar from 'keytar';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import {
  deleteVoicemail,
  findOwnMessage,
  listVoicemail,
  ownBox,
  storeVoicemail,
} from '../../server/directory/voicemail';
import { buildApp } from '../../server/app';
import { CredentialVault, KEYRING_SERVICE, keytarBackend } from '../../main/services/credential-vault';
import { PortalClient } from '../../main/services/portal-client';
import { accountFolder } from '../../main/voicemail/cache-folder';
import { VoicemailCache } from '../../main/voicemail/voicemail-cache';
import { HttpRecorder, type RecordedRequest } from '../support/http-recorder';
import { useTestOffice } from '../support/office';
import { seededRandom } from '../support/random';

const RETAIN_ALL = { maxMessages: 1000, maxMegabytes: 100 };

interface Person {
  id: string;
  email: string;
  password: string;
  extension: string;
}

// Generous: creating a user hashes passwords, slow on a machine shared by many test runs.
describe('VoicemailCache', { timeout: 90_000 }, () => {
  const office = useTestOffice('sqlite');
  let vault: CredentialVault;
  let recorder: HttpRecorder;
  let adminToken: string;
  /** The office's HTTP server once a test has stopped and started it again. */
  let restarted: FastifyInstance | null = null;
  let people = 0;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    vault = await CredentialVault.open([keytarBackend]);
    adminToken = await office.adminToken();
    recorder = new HttpRecorder(Number(new URL(office.baseUrl).port));
    await recorder.open();
  });
  afterEach(async () => {
    await recorder.open().catch(() => undefined);
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });
  afterAll(async () => {
    await restarted?.close();
    await recorder?.close();
  });

  async function person(): Promise<Person> {
    people++;
    return office.createSignedInUser(adminToken, `Vera Cache${'x'.repeat(people)}`);
  }

  /** A signed-in app for `who`: its PortalClient (through the recorder) and its cache. */
  async function app(who: Person, root?: string, retention = () => RETAIN_ALL) {
    const dir = root ?? (await mkdtemp(path.join(os.tmpdir(), 'switchboard-vm-')));
    const portal = new PortalClient(recorder.url, vault);
    await portal.signIn({ login: who.email, password: who.password, scope: 'user' });
    const account = VoicemailCache.account(portal, who.id);
    const cache = await VoicemailCache.open({ root: dir, account, vault, portal, retention });
    cleanups.push(async () => {
      await cache.close();
      await VoicemailCache.wipe({ root: dir, account, vault });
      await rm(dir, { recursive: true, force: true });
    });
    return { root: dir, portal, account, cache };
  }

  let calls = 0;
  /** Leaves a message in `who`'s box as the recorder will once it exists: a row and its audio file. */
  async function leaveMessage(who: Person, bytes = 4096, receivedAt = new Date()): Promise<string> {
    calls++;
    const audio = Buffer.alloc(bytes, calls % 251);
    audio.write(`message ${calls}`);
    return storeVoicemail(office.office.db, office.office.voicemailFiles, {
      extension: who.extension,
      callerNumber: `+3460000${String(calls).padStart(4, '0')}`,
      callerName: `Caller ${calls}`,
      receivedAt: receivedAt.toISOString(),
      durationSeconds: 7,
      audio,
      audioType: 'audio/ogg',
    });
  }

  async function serverAudio(who: Person, id: string): Promise<Buffer> {
    const row = await findOwnMessage(office.office.db, who.id, id);
    return office.office.voicemailFiles.read(row.audio_file);
  }

  it('with the office stopped lists and plays the copies, queues a mark and a delete, and lands each once when it is restarted', async () => {
    const ana = await person();
    const older = await leaveMessage(ana, 8000, new Date(Date.now() - 60_000));
    const newer = await leaveMessage(ana, 12_000);
    const { cache } = await app(ana);
    await cache.sync();

    // The office's HTTP server stops (its database stays, as across a restart).
    const port = Number(new URL(office.baseUrl).port);
    await office.app.close();
    const list = await cache.list();
    expect(list.items.map((m) => m.id)).toEqual([newer, older]);
    expect(list.unread).toBe(2);
    const played = await cache.audio(newer);
    expect(played.audioType).toBe('audio/ogg');
    expect(played.audio.equals(await serverAudio(ana, newer))).toBe(true);

    expect(await cache.mark(newer, true)).toMatchObject({ id: newer, read: true });
    expect(await cache.delete(older)).toBeNull();
    expect(cache.state).toMatchObject({
      connection: 'offline',
      pending: [
        { id: newer, action: 'mark-read' },
        { id: older, action: 'delete' },
      ],
    });
    expect(await cache.list()).toMatchObject({ items: [{ id: newer, read: true }], unread: 0 });
    // Still only on this computer.
    expect((await listVoicemail(office.office.db, ana.id, {})).items.map((m) => [m.id, m.read])).toEqual([
      [newer, false],
      [older, false],
    ]);

    restarted = await buildApp(office.office);
    await restarted.listen({ host: '127.0.0.1', port });
    await cache.sync();
    expect((await listVoicemail(office.office.db, ana.id, {})).items.map((m) => [m.id, m.read])).toEqual([
      [newer, true],
    ]);
    const ours = (r: RecordedRequest) => r.path.endsWith(newer) || r.path.endsWith(older);
    const landed = recorder.changes().filter((r) => ours(r) && r.status !== null);
    expect(landed.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      `PATCH /api/v1/me/voicemail/${newer} 200`,
      `DELETE /api/v1/me/voicemail/${older} 204`,
    ]);
    // Tried while the office was down (the first in line only: order holds) under the key it landed with.
    const tried = recorder.changes().filter((r) => ours(r) && r.status === null);
    expect(tried.length).toBeGreaterThan(0);
    expect(tried.every((r) => r.idempotencyKey === landed[0]!.idempotencyKey)).toBe(true);
    expect(cache.state).toMatchObject({ connection: 'online', pending: [] });
    await cache.sync();
    expect(recorder.changes().filter((r) => ours(r) && r.status !== null)).toHaveLength(2);
  });

  it('lists a box larger than its index: the newest from the index, older pages from the office by cursor', async () => {
    const ana = await person();
    const box = await ownBox(office.office.db, ana.id);
    const total = 1050;
    // Rows only: listing needs no recording, and this cache keeps none (retention 0).
    const rows = Array.from({ length: total }, (_, i) => ({
      id: randomUUID(),
      box_id: box.id,
      caller_number: String(1000 + i),
      caller_name: null,
      received_at: new Date(Date.now() - (i + 1) * 1000).toISOString(),
      duration_seconds: 3,
      read: 0 as const,
      audio_file: 'none.ogg',
      audio_type: 'audio/ogg',
    }));
    for (let i = 0; i < total; i += 200)
      await office.office.db
        .insertInto('voicemail_messages')
        .values(rows.slice(i, i + 200))
        .execute();
    // The oldest of all, with a recording.
    const oldest = await leaveMessage(ana, 4096, new Date(Date.now() - 10 * 24 * 60 * 60_000));
    const retainNone = () => ({ maxMessages: 0, maxMegabytes: 0 });
    const { cache, root, account, portal } = await app(ana, undefined, retainNone);

    const first = await cache.list();
    expect(first.items).toHaveLength(1000);
    expect(first.nextCursor).not.toBeNull();
    // The count is the whole box's, not only the index's.
    expect(first.unread).toBe(total + 1);
    const older = await cache.list({ before: first.nextCursor!, limit: 200 });
    expect(older.nextCursor).toBeNull();
    expect([...first.items, ...older.items].map((m) => m.id)).toEqual([...rows.map((row) => row.id), oldest]);

    // A message past the index plays, marks and deletes through the office.
    expect((await cache.audio(oldest)).audio.equals(await serverAudio(ana, oldest))).toBe(true);
    expect(await cache.mark(oldest, true)).toMatchObject({ id: oldest, read: true });
    expect((await cache.list()).unread).toBe(total);
    await cache.delete(rows[total - 1]!.id);
    const left = await cache.list({ before: first.nextCursor!, limit: 200 });
    expect(left.items.map((m) => [m.id, m.read])).toEqual([
      ...rows.slice(1000, total - 1).map((row) => [row.id, false]),
      [oldest, true],
    ]);

    // Older pages need the office; the index still answers.
    await recorder.close();
    await expect(cache.list({ before: first.nextCursor! })).rejects.toMatchObject({ code: 'offline' });
    const offline = await cache.list();
    expect(offline.items).toHaveLength(1000);
    expect(offline.unread).toBeGreaterThan(1000);

    // The app opened again without the office (a cold start on the train) counts the same.
    await cache.close();
    const reopened = await VoicemailCache.open({ root, account, vault, portal, retention: retainNone });
    try {
      expect((await reopened.list()).unread).toBe(offline.unread);
    } finally {
      await reopened.close();
    }
  });

  it('replays an action whose answer was lost with the same Idempotency-Key', async () => {
    const ana = await person();
    const id = await leaveMessage(ana);
    const { cache } = await app(ana);
    await cache.sync();
    recorder.loseNextAnswerTo((r) => r.method === 'PATCH');
    // The office took it, the app did not hear so: it stays queued and is shown read.
    expect(await cache.mark(id, true)).toMatchObject({ read: true });
    expect(cache.state.pending).toEqual([{ id, action: 'mark-read' }]);
    await cache.sync();
    const sent = recorder.changes().filter((r) => r.path.endsWith(id));
    expect(sent).toHaveLength(2);
    expect(sent[1]!.idempotencyKey).toBe(sent[0]!.idempotencyKey);
    expect(cache.state.pending).toEqual([]);
  });

  it('reconciles, without an error, actions on a message deleted on the office meanwhile', async () => {
    const ana = await person();
    const gone = await leaveMessage(ana);
    const kept = await leaveMessage(ana);
    const { cache } = await app(ana);
    await cache.sync();
    await recorder.close();
    await cache.mark(gone, true);
    await cache.delete(kept);
    await deleteVoicemail(office.office.db, office.office.voicemailFiles, ana.id, gone);
    await recorder.open();
    await expect(cache.sync()).resolves.toBeUndefined();
    expect(await cache.list()).toEqual({ items: [], nextCursor: null, unread: 0 });
    expect(cache.state.pending).toEqual([]);
    await expect(cache.audio(gone)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('after 100 seeded offline/online cycles of random actions the office holds what the person chose', async () => {
    const ana = await person();
    const random = seededRandom(20261127);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    /** What the person (and the office, for deletions it made itself) decided: id → read, or gone. */
    const chosen = new Map<string, boolean>();
    for (let i = 0; i < 6; i++) chosen.set(await leaveMessage(ana, 512), false);
    const { cache } = await app(ana);
    await cache.sync();
    const firstKey = recorder.changes().length;

    for (let cycle = 0; cycle < 100; cycle++) {
      const offline = random() < 0.5;
      if (offline) await recorder.close();
      if (random() < 0.2) chosen.set(await leaveMessage(ana, 512), false);
      if (offline && random() < 0.1 && chosen.size > 0) {
        const id = pick([...chosen.keys()]);
        await deleteVoicemail(office.office.db, office.office.voicemailFiles, ana.id, id);
        chosen.delete(id);
      }
      for (let n = Math.floor(random() * 3); n > 0; n--) {
        const visible = (await cache.list()).items;
        if (visible.length === 0) break;
        const id = pick(visible).id;
        const roll = random();
        if (roll < 0.2) {
          await cache.delete(id);
          chosen.delete(id);
        } else {
          await cache.mark(id, roll < 0.6);
          if (chosen.has(id)) chosen.set(id, roll < 0.6);
        }
      }
      if (offline) await recorder.open();
      if (random() < 0.7) await cache.sync();
    }
    await cache.sync();

    const onOffice = new Map(
      (await listVoicemail(office.office.db, ana.id, {})).items.map((m) => [m.id, m.read] as const),
    );
    expect(onOffice).toEqual(chosen);
    expect(new Map((await cache.list()).items.map((m) => [m.id, m.read] as const))).toEqual(chosen);
    expect(cache.state.pending).toEqual([]);
    // Nothing doubled: every action reached the office under its own key, once.
    const keys = recorder
      .changes()
      .slice(firstKey)
      .map((r) => r.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    // Every recording left is playable from the copies alone.
    await recorder.close();
    for (const id of chosen.keys())
      expect((await cache.audio(id)).audio.equals(await serverAudio(ana, id))).toBe(true);
  });

  it('keeps the newest recordings within the retention’s count and size, and drops the rest', async () => {
    const ana = await person();
    const ids = [];
    for (let i = 0; i < 4; i++)
      ids.push(await leaveMessage(ana, 400 * 1024, new Date(Date.now() - (4 - i) * 1000)));
    const newestFirst = ids.reverse();
    let retention = { maxMessages: 3, maxMegabytes: 100 };
    const { cache, root, account } = await app(ana, undefined, () => retention);
    await cache.sync();
    const folder = accountFolder(root, account);
    const audioFiles = async () => (await readdir(folder)).filter((f) => f.endsWith('.audio')).sort();
    expect(await audioFiles()).toEqual(
      newestFirst
        .slice(0, 3)
        .map((id) => `${id}.audio`)
        .sort(),
    );
    retention = { maxMessages: 3, maxMegabytes: 1 };
    await cache.sync();
    expect(await audioFiles()).toEqual(
      newestFirst
        .slice(0, 2)
        .map((id) => `${id}.audio`)
        .sort(),
    );
    await recorder.close();
    expect((await cache.list()).items).toHaveLength(4);
    await expect(cache.audio(newestFirst[3]!)).rejects.toMatchObject({ code: 'offline' });
    expect((await cache.audio(newestFirst[1]!)).audio.equals(await serverAudio(ana, newestFirst[1]!))).toBe(
      true,
    );
  });

  it('shows another person signing in on the same computer nothing of the first, and keeps the audio sealed', async () => {
    const ana = await person();
    const bob = await person();
    const id = await leaveMessage(ana);
    const first = await app(ana);
    await first.cache.sync();
    const second = await app(bob, first.root);
    await second.cache.sync();
    expect(await second.cache.list()).toEqual({ items: [], nextCursor: null, unread: 0 });
    await expect(second.cache.audio(id)).rejects.toMatchObject({ code: 'not_found' });
    expect(accountFolder(first.root, second.account)).not.toBe(accountFolder(first.root, first.account));
    // On disk Ana's recording is not readable as it was.
    const sealed = await readFile(path.join(accountFolder(first.root, first.account), `${id}.audio`));
    const plain = await serverAudio(ana, id);
    expect(sealed.includes(plain.subarray(0, 64))).toBe(false);
    expect(await keytar.getPassword(KEYRING_SERVICE, `${first.account} voicemail-key`)).toMatch(
      /^[A-Za-z0-9+/]{43}=$/,
    );
  });

  it('sign-out wipes the copies and the key', async () => {
    const ana = await person();
    await leaveMessage(ana);
    const { cache, root, account } = await app(ana);
    await cache.sync();
    await cache.close();
    await VoicemailCache.wipe({ root, account, vault });
    await expect(readdir(accountFolder(root, account))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await keytar.getPassword(KEYRING_SERVICE, `${account} voicemail-key`)).toBeNull();
  });

  it(
    'a sync killed mid-write leaves nothing corrupt, and the next one completes',
    { timeout: 120_000 },
    async () => {
      const ana = await person();
      const ids: string[] = [];
      for (let i = 0; i < 16; i++) ids.push(await leaveMessage(ana, 1024 * 1024));
      const root = await mkdtemp(path.join(os.tmpdir(), 'switchboard-vm-'));
      const portal = new PortalClient(recorder.url, vault);
      await portal.signIn({ login: ana.email, password: ana.password, scope: 'user' });
      const account = VoicemailCache.account(portal, ana.id);
      const folder = accountFolder(root, account);

      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'tests/main/fixtures/voicemail-sync.ts',
          recorder.url,
          ana.email,
          ana.password,
          ana.id,
          root,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const exited = once(child, 'exit');
      // Killed the moment a recording is being written after the index already names others.
      const watcher = watch(root, { recursive: true }, (_event, name) => {
        if (!String(name).endsWith('.tmp')) return;
        void readdir(folder).then(
          (names) => {
            if (names.includes('index.json') && names.some((n) => n.endsWith('.audio')))
              child.kill('SIGKILL');
          },
          () => undefined,
        );
      });
      const [code, signal] = await exited;
      watcher.close();
      expect({ code, signal }).toEqual({ code: null, signal: 'SIGKILL' });

      const cache = await VoicemailCache.open({ root, account, vault, portal, retention: () => RETAIN_ALL });
      cleanups.push(async () => {
        await cache.close();
        await VoicemailCache.wipe({ root, account, vault });
        await rm(root, { recursive: true, force: true });
      });
      expect((await readdir(folder)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      // Offline, everything the index calls cached plays back exactly.
      await recorder.close();
      const copied = [];
      for (const { id } of (await cache.list()).items) {
        const played = await cache.audio(id).catch((error: { code: string }) => error.code);
        if (played === 'offline') continue;
        expect(typeof played === 'object' && played.audio.equals(await serverAudio(ana, id))).toBe(true);
        copied.push(id);
      }
      expect(copied.length).toBeLessThan(ids.length);
      await recorder.open();
      await cache.sync();
      await recorder.close();
      for (const id of ids)
        expect((await cache.audio(id)).audio.equals(await serverAudio(ana, id))).toBe(true);
    },
  );
});
