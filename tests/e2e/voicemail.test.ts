// Voicemail end to end: a caller in headless Chromium (its fake microphone plays a sox tone)
// calls a colleague whose app (a browser host with --server) rings unanswered. The office's
// media agent records the message; the callee's app gets the push, lists it and keeps a copy.
// Then the office stops: the app still lists and plays the message, marks it read and deletes
// another; the office starts again on the same port and both changes land there exactly once.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSipOffice, type SipOffice } from '../support/sip-office';
import { freeTcpPort } from '../../server/free-port';
import { decodeOggOpus, loudSeconds, toneFrequency } from '../support/tone';
import { boxOf, storedMessage, uploadToneGreeting, writeToneWav } from '../support/voicemail-box';
import { DOMAIN } from '../sip/desk-phone';
import { TestPhone, reaches, SessionState } from '../sip/softphone';
import { BrowserCaller } from '../media/browser-caller';
import { BrowserHostProcess } from './browser-host';
import { ControlClient } from './control-client';
import { rtpPortsForTest } from '../support/rtp-ports';

const TONE_HZ = 440;
const POLL = { timeout: 20_000, interval: 200 };
/** An extension no one has: a call to it ends at once. */
const NOBODY = '99999';

describe('voicemail from a Chromium caller to an app that reviews it offline', () => {
  let dataDir: string;
  let ports: { httpPort: number; sipWsPort: number };
  let sipOffice: SipOffice | null = null;
  let caller: BrowserCaller;
  let host: BrowserHostProcess;
  let control: ControlClient;

  /** The office on its fixed ports and data folder, as first started or after a stop. */
  const startOffice = async () =>
    startSipOffice(
      { dataDir, ...ports },
      {
        media: {
          maxSessions: 4,
          rtpPorts: await rtpPortsForTest(40),
          silenceSeconds: 5,
          maxAnchoredCalls: 4,
        },
      },
    );

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'voicemail-e2e-'));
    ports = { httpPort: await freeTcpPort(), sipWsPort: await freeTcpPort() };
    const tone = path.join(dataDir, 'tone.wav');
    writeToneWav(tone, 60, TONE_HZ);
    sipOffice = await startOffice();
    caller = await BrowserCaller.launch(tone);
  }, 60_000);
  afterAll(async () => {
    control?.close();
    await host?.stop();
    await caller?.close();
    await sipOffice?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it(
    'records the tone, pushes it to the app, which plays, marks and deletes offline and syncs once',
    { timeout: 180_000 },
    async () => {
      const { office } = sipOffice!;
      const admin = await office.adminToken();
      const bianca = await office.createSignedInUser(admin, 'Browser Bianca');
      const arthur = await office.createSignedInUser(admin, 'Ringing Arthur');
      const box = await boxOf(office.office, arthur.extension);
      // A short greeting and the shortest ring time keep the test quick.
      await uploadToneGreeting(office.office, box.id, 0.5, 300);
      const preferences = await office.request('PATCH', '/me/preferences', {
        token: arthur.token,
        body: { ringTimeoutSeconds: 5 },
      });
      expect(preferences.status).toBe(200);

      host = await BrowserHostProcess.start([], office.baseUrl);
      control = await ControlClient.connect(host.url);
      await control.value('auth:sign-in', { login: arthur.email, password: arthur.password, scope: 'user' });
      await control.event('registration:state-changed', (state) => state.state === 'registered');
      // The first sync after sign-in: messages found after it are announced as received.
      await control.event('voicemail:sync-state-changed', (state) => state.syncedAt !== null);
      // Arthur's app rings only with a page open to do the calls' audio: it announces itself
      // once it has chosen its devices, and until then dialling says so.
      const page = await caller.page.context().browser()!.newPage();
      await page.goto(host.url);
      await expect
        .poll(async () => {
          const dialled = await control.invoke('calls:dial', { target: NOBODY });
          if (!dialled.ok) expect(dialled.error.code).toBe('no_media');
          return dialled.ok;
        }, POLL)
        .toBe(true);
      await control.event('calls:state-changed', (call) => call.state === 'ended');

      /** Bianca calls Arthur, who lets it ring; she speaks for `seconds` after the beep. */
      const leaveMessage = async (seconds: number) => {
        const stored = new Promise<{ messageId: string }>((resolve) =>
          sipOffice!.office.office.events.once('voicemail-received', resolve),
        );
        control.forgetEvents();
        await caller.nextCall();
        const phone = await TestPhone.ofUser(office, bianca.token, 'bianca', 0, () => caller.handler());
        const { session, final } = phone.dial(`sip:${arthur.extension}@${DOMAIN}`);
        const ringing = await control.event('calls:incoming');
        expect(ringing.remoteNumber).toBe(bianca.extension);
        expect(await final).toBe(200);
        const promptEnded = await caller.promptPlayed();
        await new Promise((resolve) =>
          setTimeout(resolve, seconds * 1000 - (performance.now() - promptEnded)),
        );
        const spoken = (performance.now() - promptEnded) / 1000;
        await session.bye();
        await reaches(session, SessionState.Terminated);
        await phone.stop();
        return { ...(await stored), spoken };
      };

      const first = await leaveMessage(3);
      const { row, audio: storedBytes } = await storedMessage(office.office, first.messageId);
      expect(row.caller_number).toBe(bianca.extension);
      const samples = decodeOggOpus(storedBytes);
      expect(Math.abs(toneFrequency(samples) - TONE_HZ)).toBeLessThan(TONE_HZ * 0.02);
      expect(Math.abs(samples.length / 48_000 - first.spoken)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(loudSeconds(samples) - first.spoken)).toBeLessThanOrEqual(0.5);

      const second = await leaveMessage(1);
      const pushed = await control.event('voicemail:received', (m) => m.id === second.messageId);
      expect(pushed.callerNumber).toBe(bianca.extension);
      const online = await control.value('voicemail:list');
      expect(online.items.map((m: { id: string }) => m.id).sort()).toEqual(
        [first.messageId, second.messageId].sort(),
      );
      // Listening once while online keeps the copy (the background copy may still be on its way).
      const heard = await control.value('voicemail:audio', { id: first.messageId });
      expect(Buffer.from(heard.data, 'base64').equals(storedBytes)).toBe(true);

      control.forgetEvents();
      await sipOffice!.close();
      sipOffice = null;
      await control.event('voicemail:sync-state-changed', (state) => state.connection === 'offline');
      const offline = await control.value('voicemail:list');
      expect(offline.items.map((m: { id: string }) => m.id).sort()).toEqual(
        [first.messageId, second.messageId].sort(),
      );
      const played = await control.value('voicemail:audio', { id: first.messageId });
      expect(Buffer.from(played.data, 'base64').equals(storedBytes)).toBe(true);
      expect(
        await control.value('voicemail:mark', { id: first.messageId, body: { read: true } }),
      ).toMatchObject({
        id: first.messageId,
        read: true,
      });
      await control.value('voicemail:delete', { id: second.messageId });
      expect(await control.value('voicemail:sync-state')).toMatchObject({
        connection: 'offline',
        pending: [
          { id: first.messageId, action: 'mark-read' },
          { id: second.messageId, action: 'delete' },
        ],
      });
      expect((await control.value('voicemail:list')).items).toMatchObject([
        { id: first.messageId, read: true },
      ]);

      control.forgetEvents();
      sipOffice = await startOffice();
      const restarted = sipOffice.office;
      await control.event(
        'voicemail:sync-state-changed',
        (state) => state.connection === 'online' && state.pending.length === 0,
        POLL.timeout,
      );
      const onServer = await restarted.request('GET', '/me/voicemail', { token: arthur.token });
      expect(onServer.body.items).toMatchObject([{ id: first.messageId, read: true }]);
      expect(onServer.body.items).toHaveLength(1);
      // Each queued change went with its own idempotency key, and each was sent once.
      const keys = await restarted.office.db
        .selectFrom('idempotency_keys')
        .select('key')
        .where('user_id', '=', box.userId)
        .execute();
      expect(keys).toHaveLength(2);
    },
  );
});
