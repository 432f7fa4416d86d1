// npm run bench:voicemail-cache — the time from a new voicemail message (stored by the office
// and pushed to the app) to that message playable offline in the app: the app's VoicemailCache
// syncs on the push, fetches the recording and writes it sealed to disk. Office and app run in
// this one process on loopback. Uses the OS keyring: `npm run bench:voicemail-cache` gives it a
// private, throwaway one.
// Target (issue 11): ≤ 2 s from hang-up to playable offline on loopback.
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CredentialVault, keytarBackend } from '../main/services/credential-vault';
import { PortalClient } from '../main/services/portal-client';
import { SettingsStore } from '../main/services/settings-store';
import { PushChannel } from '../main/services/push-channel';
import { OfflineVoicemail } from '../main/voicemail/offline-voicemail';
import type { VoicemailCache } from '../main/voicemail/voicemail-cache';
import { buildApp } from '../server/app';
import { storeVoicemail } from '../server/directory/voicemail';
import { silentLogger } from '../server/logger';
import { runBench, within } from './harness';
import { latency } from './latency';
import { openBenchOffice, seedUsers } from './seed';

const MESSAGES = 50;
/** About a minute of Opus at 16 kbit/s. */
const RECORDING_BYTES = 120 * 1024;
const TARGET_MS = 2_000;
const USER = { email: 'bench.voicemail@example.com', password: 'Harbor-Kettle-Violet-48' };

/** A message not playable offline this long after it was stored fails the run. */
const MESSAGE_LIMIT_MS = 15_000;

await runBench('bench:voicemail-cache', 180, async (run) => {
  run.step('starting an office and the app’s voicemail cache, signing in');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-vm-'));
  run.onCleanUp('the data folder', () => rm(dataDir, { recursive: true, force: true }));
  const office = await openBenchOffice(path.join(dataDir, 'office'), 0, 'bench.example.com');
  run.onCleanUp('the office', () => office.close());
  const app = await buildApp(office);
  await app.listen({ host: '127.0.0.1', port: 0 });
  run.onCleanUp('the office’s HTTP server', () => app.close());
  const [user] = await seedUsers(office.db, office.secrets, {
    count: 1,
    password: USER.password,
    firstEmail: USER.email,
    firstName: 'Bench Voicemail',
  });

  const vault = await CredentialVault.open([keytarBackend]);
  const portal = new PortalClient(`http://127.0.0.1:${(app.server.address() as AddressInfo).port}`, vault);
  const settings = await SettingsStore.open(path.join(dataDir, 'app'));
  const voicemail = new OfflineVoicemail({
    root: path.join(dataDir, 'app', 'voicemail'),
    vault,
    portal,
    settings,
    logger: silentLogger,
    push: PushChannel.following(portal),
  });
  const copied = new Map<string, number>();
  const waiting = new Map<string, () => void>();
  let cache: VoicemailCache | null = null;
  const opened = new Promise<void>((resolve) =>
    portal.on('session', (session) => {
      void voicemail.sessionChanged(session, (opening) => {
        cache = opening;
        opening.on('copied', (id) => {
          copied.set(id, performance.now());
          waiting.get(id)?.();
        });
        resolve();
      });
    }),
  );
  await portal.signIn({ login: USER.email, password: USER.password, scope: 'user' });
  run.onCleanUp('the app’s session', async () => {
    await voicemail.signOut();
    await portal.signOut();
  });
  await opened;

  run.step(`${MESSAGES} messages of ${RECORDING_BYTES / 1024} KiB, each stored, pushed and copied`);
  const samples: number[] = [];
  for (let i = 0; i < MESSAGES; i++) {
    const audio = Buffer.alloc(RECORDING_BYTES, i);
    const start = performance.now();
    // What the media agent does at hang-up: the recording and its row, then the announcement.
    const id = await storeVoicemail(office.db, office.voicemailFiles, {
      extension: user!.extension,
      callerNumber: '+34600000000',
      callerName: null,
      receivedAt: new Date().toISOString(),
      durationSeconds: 60,
      audio,
      audioType: 'audio/ogg',
    });
    const playable = copied.has(id)
      ? Promise.resolve()
      : within(
          MESSAGE_LIMIT_MS,
          `message ${i + 1} playable offline`,
          new Promise<void>((resolve) => waiting.set(id, resolve)),
        );
    // Announced as the media agent announces a message it stored: the office pushes it to the app.
    office.events.emit('voicemail-received', { userId: user!.id, messageId: id });
    await playable;
    samples.push(copied.get(id)! - start);
    // Playable offline means this answers from the sealed copy alone.
    const played = await (cache as VoicemailCache | null)!.audio(id);
    if (!played.audio.equals(audio)) throw new Error(`message ${id} did not play back as stored`);
    if ((i + 1) % 10 === 0) run.print(`${i + 1} of ${MESSAGES} messages playable offline`);
  }

  const figures = latency(samples);
  run.target({
    name: 'new message → playable offline, p50',
    measured: figures.p50,
    bound: '≤',
    limit: TARGET_MS,
    unit: 'ms',
  });
  run.target({
    name: 'new message → playable offline, p99',
    measured: figures.p99,
    bound: '≤',
    limit: TARGET_MS,
    unit: 'ms',
  });
});
