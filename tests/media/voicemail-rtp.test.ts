// Voicemail from a plain-RTP G.711 desk phone over real UDP: the agent greets, beeps and
// records; the stored Ogg/Opus message, decoded, holds the tone the caller sent for as long
// as it was sent. The default greeting is in the owner's language. #, silence and the box's
// maximum each end the message; an offer the agent cannot answer gets 488; past the agent's cap a
// caller is refused.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSipOffice, type SipOffice } from '../support/sip-office';
import { decodeOggOpus, loudSeconds, toneFrequency } from '../support/tone';
import { RtpCaller, g711Offer, type Device } from './rtp-caller';
import { TestPhone } from '../sip/softphone';
import { readWav } from '../../server/media/wav';
import { BEEP_SECONDS } from '../../server/media/prompts';
import { boxOf, storedMessage, uploadToneGreeting } from '../support/voicemail-box';
import { rtpPortsForTest } from '../support/rtp-ports';

/**
 * An office whose media agent takes `maxSessions` calls, with a signed-in desk phone vm.caller, for
 * the tests of the describe block that calls this.
 */
function voicemailOffice(maxSessions: number) {
  const received: { userId: string; messageId: string }[] = [];
  const vm = {
    sipOffice: undefined as unknown as SipOffice,
    caller: undefined as unknown as { extension: string; device: Device },
    callerToken: '',
    admin: '',
    received,
    /** A callee and their box. */
    newCallee: async (name: string) =>
      withBox(await vm.sipOffice.office.createUser(vm.admin, `${name} ${++callees}`)),
    /** The same, signed in, for a test that acts as them (signing in costs four password hashes). */
    signedInCallee: async (name: string) =>
      withBox(await vm.sipOffice.office.createSignedInUser(vm.admin, `${name} ${++callees}`)),
    uploadGreeting: (boxId: string, seconds: number, hz: number) =>
      uploadToneGreeting(vm.sipOffice.office.office, boxId, seconds, hz),
    async storedSamples(messageId: string) {
      const { row, audio } = await storedMessage(vm.sipOffice.office.office, messageId);
      return { row, samples: decodeOggOpus(audio) };
    },
    /** The 'voicemail-received' event for this callee (the message is stored just after the call ends). */
    async announced(userId: string) {
      for (let i = 0; i < 100; i++) {
        const found = received.find((event) => event.userId === userId);
        if (found) return found;
        await new Promise((resolve) => vm.sipOffice.office.office.events.once('voicemail-received', resolve));
      }
      throw new Error('no voicemail-received');
    },
    async dial(to: string, law: 'PCMU' | 'PCMA' = 'PCMU') {
      const phone = await RtpCaller.open(
        vm.sipOffice.sip.ports.udp,
        vm.caller.extension,
        vm.caller.device,
        law,
      );
      const answer = await phone.dial(to);
      expect(answer.status).toBe(200);
      return phone;
    },
  };
  // A retried test makes its callees again: the number keeps their emails apart.
  let callees = 0;
  const withBox = async <User extends { extension: string }>(user: User) => {
    const box = await boxOf(vm.sipOffice.office.office, user.extension);
    return { ...user, boxId: box.id, userId: box.userId };
  };

  beforeAll(async () => {
    vm.sipOffice = await startSipOffice(
      {},
      {
        media: {
          maxSessions,
          rtpPorts: await rtpPortsForTest(40),
          silenceSeconds: 5,
          maxAnchoredCalls: 4,
        },
      },
    );
    vm.sipOffice.office.office.events.on('voicemail-received', (event) => received.push(event));
    vm.admin = await vm.sipOffice.office.adminToken();
    const user = await vm.sipOffice.office.createSignedInUser(vm.admin, 'Desk Caller');
    const device = await vm.sipOffice.office.addDeskPhone(vm.admin, user.extension, 'RTP test phone');
    vm.caller = { extension: user.extension, device };
    vm.callerToken = user.token;
  });
  afterAll(async () => {
    await vm.sipOffice?.close();
  });
  return vm;
}

// Each test here is a call of its own to a callee of its own, and spends most of its time in
// real-time audio: they run at once. Those that change the company or fill the agent are below.
describe('voicemail from a plain-RTP caller', { timeout: 60_000, concurrent: true }, () => {
  const vm = voicemailOffice(8);
  const { dial } = vm;

  it('answers for an extension with nothing registered: default greeting, beep, and a 440 Hz message as long as the caller spoke', async () => {
    const callee = await vm.signedInCallee('Offline Olivia');
    const phone = await dial(callee.extension);
    await phone.promptPlayed();
    const greeting = readWav(
      await readFile(path.join(import.meta.dirname, '../../server/media/prompts/en.wav')),
    );
    // Everything the caller heard: the English default greeting, then the beep.
    expect(phone.heard.length / 8000).toBeCloseTo(
      greeting.samples.length / greeting.sampleRate + BEEP_SECONDS,
      0,
    );
    expect(toneFrequency(phone.heard.slice(-2400), 8000)).toBeGreaterThan(980);
    await phone.send(3, 440);
    expect(await phone.hangUp()).toBe(200);
    phone.close();

    const event = await vm.announced(callee.userId);
    const { row, samples } = await vm.storedSamples(event.messageId);
    expect(row.caller_number).toBe(vm.caller.extension);
    expect(row.audio_type).toBe('audio/ogg');
    expect(row.duration_seconds).toBe(3);
    expect(Math.abs(toneFrequency(samples) - 440)).toBeLessThan(440 * 0.02);
    expect(Math.abs(loudSeconds(samples) - 3)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(samples.length / 48_000 - 3)).toBeLessThanOrEqual(0.5);
    const call = await vm.sipOffice.office.office.db
      .selectFrom('calls')
      .select(['result', 'caller_number'])
      .where('callee_number', '=', callee.extension)
      .executeTakeFirstOrThrow();
    expect(call).toEqual({ result: 'voicemail', caller_number: vm.caller.extension });
    // In the callee's own log the call is what the office says, voicemail, and nobody answered
    // it: no answer time, no talk time. The caller's log keeps how long they spoke to the box.
    const ownLog = async (token: string) =>
      (await vm.sipOffice.office.request('GET', '/me/call-log', { token })).body.items as {
        otherNumber: string;
        result: string;
        answeredAt: string | null;
        durationSeconds: number;
      }[];
    const calleeRow = (await ownLog(callee.token)).find((row) => row.otherNumber === vm.caller.extension);
    expect(calleeRow).toMatchObject({ result: 'voicemail', answeredAt: null, durationSeconds: 0 });
    const callerRow = (await ownLog(vm.callerToken)).find((row) => row.otherNumber === callee.extension);
    expect(callerRow?.result).toBe('voicemail');
    expect(callerRow?.answeredAt).not.toBeNull();
    expect(callerRow?.durationSeconds).toBeGreaterThanOrEqual(3);
  });

  it('plays the box’s uploaded greeting to an A-law caller, and # ends the message', async () => {
    const callee = await vm.newCallee('Greeting Gina');
    await vm.uploadGreeting(callee.boxId, 0.6, 600);
    const phone = await dial(callee.extension, 'PCMA');
    await phone.promptPlayed();
    expect(phone.heard.length / 8000).toBeCloseTo(0.6 + BEEP_SECONDS, 1);
    // The 48 kHz greeting, resampled to 8 kHz, is still 600 Hz.
    expect(Math.abs(toneFrequency(phone.heard.slice(0, 4000), 8000) - 600)).toBeLessThan(12);
    await phone.send(1.5, 880);
    phone.pressKey(11);
    await phone.hungUpOn(2000);
    phone.close();

    const { samples } = await vm.storedSamples((await vm.announced(callee.userId)).messageId);
    expect(Math.abs(toneFrequency(samples) - 880)).toBeLessThan(880 * 0.02);
    expect(Math.abs(samples.length / 48_000 - 1.5)).toBeLessThanOrEqual(0.5);
  });

  it('ends the message after 5 s of silence, keeping what was said before it', async () => {
    const callee = await vm.newCallee('Silent Sam');
    await vm.uploadGreeting(callee.boxId, 0.2, 500);
    const phone = await dial(callee.extension);
    await phone.promptPlayed();
    await phone.send(1, 440);
    const quietFrom = performance.now();
    const silence = phone.send(8, 0);
    await phone.hungUpOn(8000);
    const quietFor = (performance.now() - quietFrom) / 1000;
    expect(quietFor).toBeGreaterThan(4.5);
    expect(quietFor).toBeLessThan(6);
    await silence;
    phone.close();

    const { samples } = await vm.storedSamples((await vm.announced(callee.userId)).messageId);
    expect(Math.abs(samples.length / 48_000 - 1)).toBeLessThanOrEqual(0.5);
  });

  it('ends the message at the box’s maximum length', async () => {
    const callee = await vm.newCallee('Brief Bea');
    await vm.uploadGreeting(callee.boxId, 0.2, 500);
    await vm.sipOffice.office.office.db
      .updateTable('voicemail_boxes')
      .set({ max_message_seconds: 2 })
      .where('id', '=', callee.boxId)
      .execute();
    const phone = await dial(callee.extension);
    await phone.promptPlayed();
    const speaking = phone.send(5, 440);
    await phone.hungUpOn(4000);
    await speaking;
    phone.close();

    const { samples } = await vm.storedSamples((await vm.announced(callee.userId)).messageId);
    expect(Math.abs(samples.length / 48_000 - 2)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(loudSeconds(samples) - 2)).toBeLessThanOrEqual(0.5);
  });

  it('takes the call when the callee’s phone answers busy, or the callee is on do-not-disturb', async () => {
    const callee = await vm.signedInCallee('Busy Bob');
    const bobPhone = await TestPhone.ofUser(vm.sipOffice.office, callee.token, 'bob');
    const phone = await RtpCaller.open(vm.sipOffice.sip.ports.udp, vm.caller.extension, vm.caller.device);
    const answer = phone.dial(callee.extension);
    await (await bobPhone.nextInvitation()).reject({ statusCode: 486 });
    expect((await answer).status).toBe(200);
    expect(await phone.hangUp()).toBe(200);
    phone.close();

    await vm.sipOffice.office.request('PATCH', '/me/preferences', {
      token: callee.token,
      body: { doNotDisturb: true },
    });
    const again = await dial(callee.extension); // rings nobody: straight to voicemail
    expect(await again.hangUp()).toBe(200);
    again.close();
    await bobPhone.stop();
    await expect
      .poll(() =>
        vm.sipOffice.office.office.db
          .selectFrom('calls')
          .select('result')
          .where('callee_number', '=', callee.extension)
          .execute(),
      )
      .toEqual([{ result: 'voicemail' }, { result: 'voicemail' }]);
  });
});

// Changing the company's language, and filling an agent that takes one call, would disturb the
// calls of the tests above: these run one after another, on an office of their own.
describe('voicemail from a plain-RTP caller, one call at a time', { timeout: 120_000 }, () => {
  const CAP = 2;
  const vm = voicemailOffice(CAP);
  const { dial } = vm;

  it('greets in the box owner’s language, else in the company’s', { timeout: 120_000 }, async () => {
    const promptSeconds = async (language: string) => {
      const wav = readWav(
        await readFile(path.join(import.meta.dirname, `../../server/media/prompts/${language}.wav`)),
      );
      return wav.samples.length / wav.sampleRate + BEEP_SECONDS;
    };
    const heardSeconds = async (extension: string) => {
      const phone = await dial(extension);
      await phone.promptPlayed();
      expect(await phone.hangUp()).toBe(200);
      phone.close();
      return phone.heard.length / 8000;
    };
    const spanish = await vm.signedInCallee('Spanish Sofía');
    // No language of their own: the company's.
    const follower = await vm.newCallee('Company Claude');
    await vm.sipOffice.office.request('PATCH', '/me/preferences', {
      token: spanish.token,
      body: { language: 'es' },
    });
    const db = vm.sipOffice.office.office.db;
    await db.updateTable('company').set({ language: 'fr' }).execute();
    try {
      // The prompts differ in length by half a second or more: the length tells which played.
      const [spanishHeard, followerHeard] = await Promise.all([
        heardSeconds(spanish.extension),
        heardSeconds(follower.extension),
      ]);
      expect(Math.abs(spanishHeard - (await promptSeconds('es')))).toBeLessThan(0.2);
      expect(Math.abs(followerHeard - (await promptSeconds('fr')))).toBeLessThan(0.2);
    } finally {
      await db.updateTable('company').set({ language: 'en' }).execute();
    }
  });

  it('refuses an offer it cannot answer with 488, and a caller past its cap with 503', async () => {
    const callee = await vm.newCallee('Busy Box');
    const g729 = await RtpCaller.open(vm.sipOffice.sip.ports.udp, vm.caller.extension, vm.caller.device);
    const refused = await g729.dial(
      callee.extension,
      g711Offer(g729.rtpPort, 'PCMU', `m=audio ${g729.rtpPort} RTP/AVP 18`),
    );
    expect(refused.status).toBe(488);
    g729.close();

    const taken = [];
    for (let call = 0; call < CAP; call++) taken.push(await dial(callee.extension));
    const past = await RtpCaller.open(vm.sipOffice.sip.ports.udp, vm.caller.extension, vm.caller.device);
    expect((await past.dial(callee.extension)).status).toBe(503);
    past.close();
    for (const phone of taken) {
      expect(await phone.hangUp()).toBe(200);
      phone.close();
    }
    expect(vm.received.some((event) => event.userId === callee.userId)).toBe(false);
  });
});
