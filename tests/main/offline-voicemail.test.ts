// The voicemail channels of the signed-in app: the cache opens at sign-in, the push channel
// keeps it current and replays offline actions when the office is back, sign-out wipes it.
// A real office on loopback behind a TCP proxy the test cuts; the real OS keyring.
import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PushEvent } from '../../common/api/push';
import { CredentialVault, KEYRING_SERVICE, keytarBackend } from '../../main/services/credential-vault';
import { PortalClient } from '../../main/services/portal-client';
import { SettingsStore } from '../../main/services/settings-store';
import { voicemailAudioResponse } from '../../main/voicemail/audio-protocol';
import { PushChannel } from '../../main/services/push-channel';
import { OfflineVoicemail } from '../../main/voicemail/offline-voicemail';
import { voicemailHandlers } from '../../main/ipc/voicemail';
import type { VoicemailCache } from '../../main/voicemail/voicemail-cache';
import { listVoicemail } from '../../server/directory/voicemail';
import { silentLogger } from '../../server/logger';
import { useTestOffice } from '../support/office';
import { TcpProxy } from '../support/tcp-proxy';
import { CopyWatcher, PAGE, leaveTextMessage, storedAudio } from '../support/voicemail';

// Generous: creating a user hashes passwords, slow on a machine shared by many test runs.
describe('OfflineVoicemail', { timeout: 90_000 }, () => {
  const office = useTestOffice('sqlite');
  let proxy: TcpProxy;
  let dir: string;

  beforeAll(async () => {
    proxy = new TcpProxy(Number(new URL(office.baseUrl).port));
    await proxy.open();
    dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-offline-vm-'));
  });
  afterAll(async () => {
    await proxy?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const leaveMessage = (extension: string, text: string) => leaveTextMessage(office, extension, text);

  it('copies at sign-in and on a voicemail push, plays through the channel, replays when the office is back, and sign-out wipes', async () => {
    const ana = await office.createSignedInUser(await office.adminToken(), 'Ana Offline');
    const first = await leaveMessage(ana.extension, 'first ');
    const vault = await CredentialVault.open([keytarBackend]);
    const portal = new PortalClient(`http://127.0.0.1:${proxy.port}`, vault);
    const settings = await SettingsStore.open(dir);
    const root = path.join(dir, 'voicemail');
    const push = PushChannel.following(portal);
    const voicemail = new OfflineVoicemail({ root, vault, portal, settings, logger: silentLogger, push });
    const handlers = voicemailHandlers(voicemail, portal);
    const copies = new CopyWatcher();
    const whenCopied = (id: string) => copies.whenCopied(id);
    let opened: (cache: VoicemailCache) => void = () => undefined;
    const cacheOpened = new Promise<VoicemailCache>((resolve) => (opened = resolve));
    const sessions: Promise<void>[] = [];
    portal.on('session', (session) =>
      sessions.push(
        voicemail.sessionChanged(session, (cache) => {
          copies.watch(cache);
          opened(cache);
        }),
      ),
    );

    // Sign-in: the push channel opens and the box is copied without the screen asking.
    await portal.signIn({ login: ana.email, password: ana.password, scope: 'user' });
    const cache = await cacheOpened;
    await whenCopied(first);

    // A new message and its push: it is listed and copied too.
    const received = once(cache, 'received');
    const second = await leaveMessage(ana.extension, 'second ');
    // The office's own voicemail push comes with issue 11's server side; its name is a guess.
    office.office.push.publish(ana.id, { type: 'voicemail', messageId: second } as unknown as PushEvent);
    expect((await received)[0]).toMatchObject({ id: second, read: false });
    await whenCopied(second);

    await proxy.close();
    const played = await handlers.audio({ id: second }, PAGE);
    expect(played.audioType).toBe('audio/ogg');
    expect(Buffer.from(played.data, 'base64').equals(await storedAudio(office, ana.id, second))).toBe(true);
    // Electron's player reads the same bytes through the app's protocol.
    const streamed = await voicemailAudioResponse(voicemail, `/voicemail-audio/${second}`);
    expect(streamed?.status).toBe(200);
    expect(streamed?.headers.get('content-type')).toBe('audio/ogg');
    expect(Buffer.from(await streamed!.arrayBuffer()).equals(Buffer.from(played.data, 'base64'))).toBe(true);
    expect((await voicemailAudioResponse(voicemail, '/voicemail-audio/..%2Fkey'))?.status).toBe(400);
    expect((await voicemailAudioResponse(voicemail, '/voicemail-audio/no-such-message'))?.status).toBe(404);
    expect(await voicemailAudioResponse(voicemail, '/index.html')).toBeNull();
    expect(await handlers.mark({ id: first, body: { read: true } }, PAGE)).toMatchObject({
      id: first,
      read: true,
    });
    expect(await handlers.syncState({}, PAGE)).toMatchObject({
      connection: 'offline',
      pending: [{ id: first, action: 'mark-read' }],
    });

    // The office is back: the push channel's reconnect replays the queue by itself.
    const synced = new Promise<void>((resolve) =>
      cache.on('state', (state) => {
        if (state.connection === 'online' && state.pending.length === 0) resolve();
      }),
    );
    await proxy.open();
    await synced;
    expect((await listVoicemail(office.office.db, ana.id, {})).items.find((m) => m.id === first)?.read).toBe(
      true,
    );

    const folders = await readdir(root);
    expect(folders).toHaveLength(1);
    await voicemail.signOut();
    await portal.signOut();
    await Promise.all(sessions);
    expect(await readdir(root)).toEqual([]);
    const keys = (await keytar.findCredentials(KEYRING_SERVICE)).map((c) => c.account);
    expect(keys.filter((k) => k.endsWith('voicemail-key') && k.includes(ana.id))).toEqual([]);
    await expect(handlers.audio({ id: first }, PAGE)).rejects.toMatchObject({ code: 'not_signed_in' });
    expect((await voicemailAudioResponse(voicemail, `/voicemail-audio/${first}`))?.status).toBe(401);
    await voicemail.stop();
  });
});
