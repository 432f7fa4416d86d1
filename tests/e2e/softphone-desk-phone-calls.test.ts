// The headline of softphones and desk phones in one office: the app's softphone in headless
// Chromium (through the browser host, its fake microphone a 440 Hz tone) and a linphone-cli desk
// phone in a network namespace of the test's (a phone on the office's LAN, playing 1000 Hz from
// a WAV file and recording what it hears) call each other through the office, which anchors
// the calls in its media agent. Each side's tone is checked by frequency at the other end (the
// page's received track through a WebAudio analyser, linphone's recording through sox), hold
// and keys cross both ways, and a blind and an attended transfer move an anchored call on to a
// softphone (a werift one in Node, 600 Hz) and a desk phone (raw UDP, 800 Hz). Both call logs
// are read at the end of each call.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNamespace, type Namespace } from '../support/netns';
import { Linphone } from '../support/linphone';
import { wavSamples } from '../support/audio';
import { toneStretches } from '../support/tone';
import type { SipOffice } from '../support/sip-office';
import { DOMAIN } from '../sip/desk-phone';
import { reaches, SessionState } from '../sip/softphone';
import {
  callLogOf,
  deskPhoneOf,
  expectTone,
  softphoneOf,
  startMixedOffice,
  type Desk,
  type Softphone,
} from '../sip/mixed-office';
import {
  heardFrequency,
  launchToneChromium,
  startAudioParty,
  stopAudioParty,
  type AudioParty,
} from './audio-party';

const POLL = { timeout: 15_000, interval: 200 };
const ANA_HZ = 440; // the Chromium softphone's fake microphone
const DAN_HZ = 1000; // linphone
const BEN_HZ = 600; // a werift softphone in Node
const EVE_HZ = 800; // a raw-UDP desk phone

describe('the app’s softphone in Chromium and a linphone desk phone, bridged by the office', () => {
  let ns: Namespace;
  let office: SipOffice & { admin: string };
  let browser: Browser;
  let toneDir: string;
  let ana: AudioParty & { extension: string; token: string };
  let dan: Linphone;
  let danUser: { extension: string; token: string };
  let ben: Softphone;
  let eve: Desk;

  /** Ana hears `hz` (within 2 %), measured in her page. */
  const anaHears = (hz: number) =>
    expect.poll(async () => Math.abs((await heardFrequency(ana)) - hz) < hz * 0.02, POLL).toBe(true);

  /** The seconds of `hz` in one of linphone's recordings. */
  async function secondsOf(file: string, hz: number): Promise<number> {
    const { samples, rate } = await wavSamples(file);
    return toneStretches(samples, rate, hz).reduce((sum, stretch) => sum + stretch.seconds, 0);
  }

  const activeCall = (callId: string) =>
    ana.control.event('calls:state-changed', (call) => call.id === callId && call.state === 'active');
  const endedCall = (callId: string) =>
    ana.control.event('calls:state-changed', (call) => call.id === callId && call.state === 'ended');

  beforeAll(async () => {
    ns = await createNamespace(8 + (process.pid % 40));
    office = await startMixedOffice(4, { sipHost: ns.hostAddress, publicAddress: ns.hostAddress });
    toneDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-desk-'));
    browser = await launchToneChromium(toneDir);
    const anaUser = await office.office.createSignedInUser(office.admin, 'Ana Chromium');
    danUser = await office.office.createSignedInUser(office.admin, 'Dan Linphone');
    const danDevice = await office.office.addDeskPhone(office.admin, danUser.extension, 'linphone-cli');
    const [party, linphone, benPhone, evePhone] = await Promise.all([
      startAudioParty(browser, office.office.baseUrl, anaUser, (text) => console.warn('Ana page:', text), {
        keepRemoteAudio: true,
      }),
      Linphone.start(
        ns,
        {
          extension: danUser.extension,
          domain: DOMAIN,
          proxy: { host: ns.hostAddress, port: office.sip.ports.udp },
          device: danDevice,
        },
        DAN_HZ,
      ),
      softphoneOf(office, 'Ben Node', BEN_HZ),
      deskPhoneOf(office, 'Eve Desk', EVE_HZ, 'PCMA'),
    ]);
    ana = { ...party, extension: anaUser.extension, token: anaUser.token };
    dan = linphone;
    ben = benPhone;
    eve = evePhone;
  }, 180_000);
  afterAll(async () => {
    if (ana) await stopAudioParty(ana);
    await browser?.close();
    await dan?.stop();
    await ben?.phone.stop();
    await ben?.media.close();
    eve?.phone.close();
    await office?.close();
    await ns?.remove();
    if (toneDir) await rm(toneDir, { recursive: true, force: true });
  });

  it('calls both ways: each hears the other, hold and keys cross, and both logs say answered', async () => {
    // The page announces itself as the media provider once loaded; until then dialling says so.
    const heardFromAna = dan.recordTo('from-ana.wav');
    let out: { id: string } | undefined;
    await expect
      .poll(async () => {
        const dialled = await ana.control.invoke('calls:dial', { target: danUser.extension });
        if (dialled.ok) out = dialled.value;
        return dialled.ok;
      }, POLL)
      .toBe(true);
    await dan.waitFor(/Receiving new incoming call/, 0);
    dan.say('answer');
    await activeCall(out!.id);
    expect(office.sip.media!.anchors.openPoints).toBe(2);
    await anaHears(DAN_HZ);

    // Keys: the softphone's SIP INFO reaches linphone as RFC 4733, linphone's RFC 4733 the app as INFO.
    let from = dan.mark();
    await ana.control.value('calls:send-dtmf', { callId: out!.id, tones: '4' });
    await dan.waitFor(/Receiving tone 4/, from);
    dan.say('7');
    await ana.control.event('calls:dtmf-received', (key) => key.callId === out!.id && key.tone === '7');

    // The softphone holds: linphone is told by the agent; then resumes.
    from = dan.mark();
    await ana.control.value('calls:hold', { callId: out!.id });
    await dan.waitFor(/has been paused by/, from);
    from = dan.mark();
    await ana.control.value('calls:resume', { callId: out!.id });
    await dan.waitFor(/Media streams established/, from);
    // Linphone holds and resumes: the softphone hears it again after.
    from = dan.mark();
    dan.say('pause');
    await dan.waitFor(/is now paused/, from);
    dan.say('resume');
    await dan.waitFor(/Media streams established/, from);
    await anaHears(DAN_HZ);

    from = dan.mark();
    await ana.control.value('calls:hang-up', { callId: out!.id });
    await dan.waitFor(/ended/, from);
    await expect.poll(() => office.sip.media!.anchors.openPoints, POLL).toBe(0);
    expect(await secondsOf(heardFromAna, ANA_HZ)).toBeGreaterThan(1);

    // And back: linphone calls the softphone.
    const heardFromAnaAgain = dan.recordTo('to-ana.wav');
    dan.call(ana.extension);
    const incoming = await ana.control.event(
      'calls:incoming',
      (call) => call.remoteNumber === danUser.extension,
    );
    await ana.control.value('calls:answer', { callId: incoming.id });
    await dan.waitFor(/connected/, from);
    await anaHears(DAN_HZ);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // linphone hears Ana a while
    from = dan.mark();
    dan.say('terminate');
    await endedCall(incoming.id);
    await dan.waitFor(/ended/, from);
    expect(await secondsOf(heardFromAnaAgain, ANA_HZ)).toBeGreaterThan(1);

    await expect.poll(() => office.sip.calls.activeCalls, POLL).toBe(0);
    expect((await callLogOf(office, ana.token)).slice(0, 2)).toMatchObject([
      { direction: 'incoming', otherNumber: danUser.extension, result: 'answered', fault: null },
      { direction: 'outgoing', otherNumber: danUser.extension, result: 'answered', fault: null },
    ]);
    expect((await callLogOf(office, danUser.token)).slice(0, 2)).toMatchObject([
      { direction: 'outgoing', otherNumber: ana.extension, result: 'answered' },
      { direction: 'incoming', otherNumber: ana.extension, result: 'answered' },
    ]);
  });

  it('moves an anchored call with a blind transfer (to a softphone) and an attended one (to a desk phone)', async () => {
    ana.control.forgetEvents();
    // Blind: Ana, on a call with linphone, puts it through to Ben's softphone. Linphone keeps
    // its anchor point (it hears of nothing but who it now reaches); Ben gets a point of his own.
    const blindRecording = dan.recordTo('blind.wav');
    let from = dan.mark();
    const out = await ana.control.value('calls:dial', { target: danUser.extension });
    await dan.waitFor(/Receiving new incoming call/, from);
    dan.say('answer');
    await activeCall(out.id);
    await anaHears(DAN_HZ);
    await ana.control.value('calls:transfer', { callId: out.id, target: ben.extension });
    const atBen = await ben.phone.nextInvitation(10_000);
    await atBen.accept();
    await endedCall(out.id);
    await expectTone(ben.media.of(atBen).hearing, DAN_HZ);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // linphone hears Ben a while
    from = dan.mark();
    await atBen.bye();
    await dan.waitFor(/ended/, from);
    expect(await secondsOf(blindRecording, BEN_HZ)).toBeGreaterThan(0.5);

    // Attended: linphone calls Ana, holds her, consults Eve's desk phone, and joins the two:
    // Ana keeps her point, Eve (who talked to linphone directly) gets one.
    from = dan.mark();
    dan.call(ana.extension);
    const incoming = await ana.control.event(
      'calls:incoming',
      (call) => call.remoteNumber === danUser.extension,
    );
    await ana.control.value('calls:answer', { callId: incoming.id });
    const held = (await dan.waitFor(/Call (\d+) with .* connected/, from))[1]!;
    from = dan.mark();
    dan.say('pause');
    await dan.waitFor(/is now paused/, from);
    from = dan.mark();
    dan.call(eve.extension);
    const eveCall = eve.phone.answer(await eve.phone.nextInvite());
    const consulted = (await dan.waitFor(/Call (\d+) with .* connected/, from))[1]!;
    from = dan.mark();
    dan.say(`transfer ${held} --to-call ${consulted}`);
    await dan.waitFor(/ended[\s\S]*ended/, from);
    await anaHears(EVE_HZ);
    await expectTone(eve.phone.media.hearing, ANA_HZ);
    expect(office.sip.media!.anchors.openPoints).toBe(2);
    await eve.phone.bye(eveCall);
    await endedCall(incoming.id);
    await expect.poll(() => office.sip.media!.anchors.openPoints, POLL).toBe(0);

    const anaLog = await callLogOf(office, ana.token);
    expect(anaLog.slice(0, 3)).toMatchObject([
      { otherNumber: eve.extension, result: 'answered' }, // the joined call
      { direction: 'incoming', otherNumber: danUser.extension, result: 'answered' },
      { direction: 'outgoing', otherNumber: danUser.extension, result: 'answered' },
    ]);
    expect((await callLogOf(office, ben.token))[0]).toMatchObject({
      direction: 'incoming',
      otherNumber: danUser.extension,
      result: 'answered',
    });
    await reaches(atBen, SessionState.Terminated);
  });
});
