// The app opened with no network: the remembered session resumes offline from what this computer
// keeps, the voicemail copies list and play, actions queue; the office back, the session goes
// online by itself and the queue lands once, or, when the office refused the session meanwhile,
// the app signs out and the copies go. A real office on loopback behind a recording proxy the
// test closes; the real OS keyring; each "launch" a fresh stack on the same data folder.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { revokeUserSessions } from '../../server/accounts/sessions';
import { CredentialVault, keytarBackend } from '../../main/services/credential-vault';
import { PortalClient, type SessionInfo } from '../../main/services/portal-client';
import { SettingsStore } from '../../main/services/settings-store';
import { PushChannel } from '../../main/services/push-channel';
import { OfflineVoicemail } from '../../main/voicemail/offline-voicemail';
import { voicemailHandlers } from '../../main/ipc/voicemail';
import type { VoicemailCache } from '../../main/voicemail/voicemail-cache';
import { listVoicemail } from '../../server/directory/voicemail';
import { silentLogger } from '../../server/logger';
import { HttpRecorder } from '../support/http-recorder';
import { useTestOffice } from '../support/office';
import { CopyWatcher, PAGE, leaveTextMessage, storedAudio } from '../support/voicemail';

describe('Offline cold start', { timeout: 90_000 }, () => {
  const office = useTestOffice('sqlite');
  let recorder: HttpRecorder;
  let dir: string;

  beforeAll(async () => {
    recorder = new HttpRecorder(Number(new URL(office.baseUrl).port));
    await recorder.open();
    dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-cold-start-'));
  });
  // A failed test may leave the office unreachable; the next one starts with it reachable.
  afterEach(() => recorder.open().catch(() => undefined));
  afterAll(async () => {
    await recorder?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const leaveMessage = (extension: string, text: string) => leaveTextMessage(office, extension, text);

  /** One launch of the app's services on `dataDir`, wired as AppServices wires them. */
  async function launch(dataDir: string) {
    const vault = await CredentialVault.open([keytarBackend]);
    const portal = new PortalClient(recorder.url, vault, { firstRetryMs: 50, maxRetryMs: 400 });
    const settings = await SettingsStore.open(dataDir);
    const push = PushChannel.following(portal);
    const voicemail = new OfflineVoicemail({
      root: path.join(dataDir, 'voicemail'),
      vault,
      portal,
      settings,
      logger: silentLogger,
      push,
    });
    const copies = new CopyWatcher();
    let cache: VoicemailCache | null = null;
    const changes: Promise<void>[] = [];
    portal.on('session', (session) => {
      changes.push(
        voicemail.sessionChanged(session, (opened) => {
          cache = opened;
          copies.watch(opened);
        }),
      );
    });
    /** The next session event that `match` accepts, once the voicemail has followed it. */
    const nextSession = (match: (session: SessionInfo | null) => boolean) =>
      new Promise<SessionInfo | null>((resolve) => {
        const listener = (session: SessionInfo | null) => {
          if (!match(session)) return;
          portal.off('session', listener);
          void Promise.all(changes).then(() => resolve(session));
        };
        portal.on('session', listener);
      });
    const openCache = () => {
      const open = cache as VoicemailCache | null;
      if (!open) throw new Error('No voicemail cache is open');
      return open;
    };
    /** Resolves when the open cache has no action waiting for the office. */
    const whenNothingPending = () =>
      new Promise<void>((resolve) => {
        const open = openCache();
        if (open.state.pending.length === 0) return resolve();
        open.on('state', (state) => {
          if (state.pending.length === 0) resolve();
        });
      });
    const stop = async () => {
      push.close();
      portal.stop();
      await Promise.all(changes);
      await voicemail.stop();
    };
    return {
      portal,
      settings,
      handlers: voicemailHandlers(voicemail, portal),
      // What the `voicemail:list` channel answers with a cache open.
      list: () => openCache().list(),
      /** Once the voicemail has followed every session change so far. */
      settled: () => Promise.all(changes),
      whenCopied: (id: string) => copies.whenCopied(id),
      nextSession,
      whenNothingPending,
      stop,
    };
  }

  /** Signs in remembering the session, waits until both recordings are copied, and closes the app. */
  async function signInAndSync(dataDir: string, person: { email: string; password: string }, ids: string[]) {
    const app = await launch(dataDir);
    await app.portal.signIn({
      login: person.email,
      password: person.password,
      scope: 'user',
      remember: true,
    });
    app.settings.update({ lastLogin: person.email });
    await Promise.all(ids.map((id) => app.whenCopied(id)));
    await app.stop();
  }

  it('resumes offline from the copies, queues a mark, and goes online by itself with the mark landing once', async () => {
    const ana = await office.createSignedInUser(await office.adminToken(), 'Ana Coldstart');
    const first = await leaveMessage(ana.extension, 'first ');
    const second = await leaveMessage(ana.extension, 'second ');
    const dataDir = path.join(dir, 'ana');
    await signInAndSync(dataDir, ana, [first, second]);
    // Who the session was is kept in the keyring, not in a plain file of the data folder.
    const files = await readdir(dataDir, { recursive: true, withFileTypes: true });
    for (const file of files.filter((f) => f.isFile()))
      expect(await readFile(path.join(file.parentPath, file.name), 'latin1')).not.toContain('Ana Coldstart');

    // The train: no office, a fresh launch on the same folder and keyring.
    await recorder.close();
    const app = await launch(dataDir);
    const login = app.settings.get().lastLogin;
    expect(login).toBe(ana.email);
    const session = await app.portal.resume(login as string);
    expect(session).toEqual({
      user: { id: ana.id, name: 'Ana Coldstart', email: ana.email, role: 'user', extension: ana.extension },
      scope: 'user',
      mustChangePassword: false,
    });
    expect(app.portal.offline).toBe(true);
    expect(app.portal.connectionState).toBe('offline');
    await app.settled();

    const listed = await app.list();
    expect(listed.items.map((m) => m.id).sort()).toEqual([first, second].sort());
    const played = await app.handlers.audio({ id: first }, PAGE);
    expect(Buffer.from(played.data, 'base64').equals(await storedAudio(office, ana.id, first))).toBe(true);
    expect(await app.handlers.mark({ id: first, body: { read: true } }, PAGE)).toMatchObject({
      id: first,
      read: true,
    });
    expect(await app.handlers.syncState({}, PAGE)).toMatchObject({
      connection: 'offline',
      pending: [{ id: first, action: 'mark-read' }],
    });

    // The office is reachable again: nobody asks, the session goes online and the queue is sent.
    const online = app.nextSession((s) => s !== null);
    const marksBefore = recorder.changes().length;
    await recorder.open();
    expect(await online).toMatchObject({ user: { id: ana.id }, scope: 'user' });
    expect(app.portal.offline).toBe(false);
    await app.whenNothingPending();
    expect((await listVoicemail(office.office.db, ana.id, {})).items.find((m) => m.id === first)?.read).toBe(
      true,
    );
    const marks = recorder
      .changes()
      .slice(marksBefore)
      .filter((r) => r.path.includes(first) && r.status !== null && r.status < 300);
    expect(marks).toHaveLength(1);
    await app.stop();
  });

  it('signs out and wipes the copies when the office refused the session while the app was offline', async () => {
    const bea = await office.createSignedInUser(await office.adminToken(), 'Bea Coldstart');
    const message = await leaveMessage(bea.extension, 'only ');
    const dataDir = path.join(dir, 'bea');
    await signInAndSync(dataDir, bea, [message]);

    await recorder.close();
    const app = await launch(dataDir);
    expect(await app.portal.resume(bea.email)).toMatchObject({ user: { id: bea.id } });
    await app.settled();
    expect((await app.list()).items.map((m) => m.id)).toEqual([message]);
    expect(await readdir(path.join(dataDir, 'voicemail'))).toHaveLength(1);

    // Revoked on the office (e.g. by an administrator) while this computer was away.
    await revokeUserSessions(office.office.db, bea.id, Date.now(), 'sign-in-turned-off');
    const ended = app.nextSession((s) => s === null);
    await recorder.open();
    expect(await ended).toBeNull();
    expect(app.portal.session).toBeNull();
    expect(await readdir(path.join(dataDir, 'voicemail'))).toEqual([]);
    // Read one by one: listing the whole keyring races with other test files deleting from it.
    const vault = await CredentialVault.open([keytarBackend]);
    const origin = new URL(recorder.url).origin;
    for (const kind of ['refresh-token', 'session-summary', 'sip-password'] as const)
      expect(await vault.read(`${origin} ${bea.email}`, kind)).toBeNull();
    expect(await vault.read(`${origin} ${bea.id}`, 'voicemail-key')).toBeNull();
    await expect(app.handlers.audio({ id: message }, PAGE)).rejects.toMatchObject({ code: 'not_signed_in' });
    // The next launch, still offline or not, has nothing to resume.
    expect(await app.portal.resume(bea.email)).toBeNull();
    await app.stop();
  });
});
