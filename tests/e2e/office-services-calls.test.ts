// The office's own services, reached by real phones of every kind at once: the app's softphone in
// headless Chromium (through the browser host; its fake microphone a 440 Hz tone, what it hears
// measured by a WebAudio analyser in the page), a linphone-cli desk phone in a network namespace
// of the test's (1000 Hz from a WAV file, recording what it hears), raw-UDP desk phones, and an
// outside caller sent by a carrier's border controller through an IP trunk.
//
// 1. The outside caller dials the company's main number, routed to a virtual receptionist: it
//    hears the spoken greeting, presses 1 (RFC 4733) and the app's softphone rings with the
//    caller's number as a person in Spain reads it; answered in the page, each hears the other.
// 2. Linphone dials the receptionist's extension: its recording holds the greeting, and its key
//    puts it through to the app's softphone, each hearing the other.
// 3. The app's softphone (as moderator), linphone and two desk phones meet on a bridge with a
//    PIN: each hears the others' tones and not its own; the moderator mutes linphone in the app's
//    conference view, and linphone's tone leaves the others' audio.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNamespace, type Namespace } from '../support/netns';
import { Linphone } from '../support/linphone';
import { wavSamples } from '../support/audio';
import { loudSeconds, toneAmplitude, toneStretches } from '../support/tone';
import { ipTrunkTo, receptionistAtMainNumber } from '../support/carrier/main-number';
import { OutsideCaller, type InboundCall } from '../support/carrier/outside-caller';
import { CarrierSbc } from '../support/carrier/carrier-sbc';
import { readWav } from '../../server/media/wav';
import { spokenFileOf } from '../../server/receptionist/speech';
import { DOMAIN } from '../sip/desk-phone';
import {
  callLogOf,
  deskPhoneOf,
  ABSENT,
  expectHears,
  startMixedOffice,
  type Desk,
} from '../sip/mixed-office';
import {
  heardFrequency,
  heardLevels,
  launchToneChromium,
  openAudioParty,
  signInParty,
  stopAudioParty,
  type AudioParty,
} from './audio-party';
import type { SipOffice } from '../support/sip-office';
import type { SipResponse } from '../../server/sip/message';

const POLL = { timeout: 15_000, interval: 200 };
const RATE = 8000;
const ANA_HZ = 440; // the Chromium softphone's fake microphone
const DAN_HZ = 1000; // linphone
const OUTSIDE_HZ = 600; // the outside caller
/**
 * The desk phones' tones: apart from the others' and from the bridge's join and leave tones (660,
 * 880 Hz), and with no common period in Opus's pitch range: the page's Opus puts a trace of a
 * mix's common period's harmonics in what it hears (750 and 1250 Hz, 250 Hz apart, left −61
 * dBFS at 1000 Hz with linphone muted; these leave below −68).
 */
const DESK_HZ = [770, 1190];
const CARRIER_ADDRESS = '127.0.0.3';
const MAIN_NUMBER = '+34910000100';
/** A mobile in Spain, read there as "612 34 56 78". */
const CALLER = '+34612345678';
const GREETING = 'Welcome to Switchboard. For Ana, press 1.';
const PIN = '2468';
const MODERATOR_PIN = '1357';
/**
 * What the others hear of Ana's tone: Chromium's audio processing (on in the app's calls, as it
 * should be) brings the steady tone of its fake microphone down by about 19 dB, to about 1,800
 * where a desk phone's comes at 8,000; a tone nobody sends stays below 300 (ABSENT).
 */
const ANA_HEARD = 1000;

describe('the office’s services with the app’s softphone, linphone, desk phones and an outside caller', () => {
  let ns: Namespace;
  let office: SipOffice & { admin: string };
  let browser: Browser;
  let toneDir: string;
  let ana: AudioParty & { extension: string; token: string };
  let dan: Linphone;
  let danUser: { extension: string; token: string };
  const desks: Desk[] = [];
  let outside: OutsideCaller;
  let carrier: CarrierSbc;
  let receptionist: { extension: string };
  let bridge: { id: string; extension: string };
  let greetingSeconds: number;

  const api = async (method: 'POST' | 'PATCH' | 'GET', url: string, body?: unknown) => {
    const answer = await office.office.request(method, url, { token: office.admin, body });
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
    return answer.body;
  };

  /** Ana hears `hz` (within 2 %), measured in her page. */
  const anaHears = (hz: number) =>
    expect.poll(async () => Math.abs((await heardFrequency(ana)) - hz) < hz * 0.02, POLL).toBe(true);

  /**
   * Ana's page hears each of `present` (above −40 dBFS; they come at −20 to −30) and none of
   * `absent` (below −55; linphone's tone falls from about −20 to below −68 once muted, and her
   * own comes back below −74).
   */
  const anaHearsLevels = (present: number[], absent: number[]) =>
    expect
      .poll(async () => {
        const levels = await heardLevels(ana, [...present, ...absent]);
        return levels.every((level, i) => (i < present.length ? level > -40 : level < -55));
      }, POLL)
      .toBe(true);

  /**
   * In the conference, the desk phones and Ana (at once) each hear the tones of `talking` but
   * their own, and none of `silent` nor their own.
   */
  const everyoneHears = (talking: number[], silent: number[] = []) => {
    const others = (own: number) => talking.filter((hz) => hz !== own);
    return Promise.all([
      ...desks.map((desk, i) =>
        expectHears(desk.phone.media.hearing, others(DESK_HZ[i]!), [...silent, DESK_HZ[i]!], ANA_HEARD),
      ),
      anaHearsLevels(others(ANA_HZ), [...silent, ANA_HZ]),
    ]);
  };

  /** The greeting came, spoken: speech-level audio for about as long as the spoken file, in what was heard. */
  const expectGreeting = (samples: ArrayLike<number>) => {
    const heard = loudSeconds(samples, RATE, 300);
    // Speech has pauses between words: the loud part is most of the file, never more.
    expect(heard).toBeGreaterThan(greetingSeconds * 0.6);
    expect(heard).toBeLessThan(greetingSeconds + 0.3);
  };
  /** Long enough for the whole greeting to play, with time to spare. */
  const greetingPlayed = () => new Promise((resolve) => setTimeout(resolve, (greetingSeconds + 1) * 1000));

  beforeAll(async () => {
    // Apart from the other linphone test's namespaces (8–47), should both files run at once.
    ns = await createNamespace(48 + (process.pid % 16));
    toneDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-services-'));
    // SIP over UDP on every address: linphone reaches the office on the namespace's link, the
    // outside caller comes from a loopback address of the carrier's.
    [office, browser] = await Promise.all([
      startMixedOffice(4, {
        sipHost: ns.hostAddress,
        sipHosts: { udp: '0.0.0.0' },
        publicAddress: ns.hostAddress,
      }),
      launchToneChromium(toneDir),
    ]);
    // Everything at once: the app's host (the slowest to start) from now, the people, the
    // company's services (saving the receptionist speaks its greeting), the trunk, the phones.
    const people = Promise.all([
      office.office.createSignedInUser(office.admin, 'Ana Chromium'),
      office.office.createSignedInUser(office.admin, 'Dan Linphone'),
    ]);
    const anaApp = async () => {
      const [party, [anaUser]] = await Promise.all([
        openAudioParty(browser, office.office.baseUrl, (text) => console.warn('Ana page:', text), {
          keepRemoteAudio: true,
        }),
        people,
      ]);
      ana = { ...party, extension: anaUser.extension, token: anaUser.token };
      await signInParty(ana, anaUser);
    };
    const linphone = async () => {
      [, danUser] = await people;
      const device = await office.office.addDeskPhone(office.admin, danUser.extension, 'linphone-cli');
      const proxy = { host: ns.hostAddress, port: office.sip.ports.udp };
      dan = await Linphone.start(ns, { extension: danUser.extension, domain: DOMAIN, proxy, device }, DAN_HZ);
    };
    const services = async () => {
      const [[anaUser]] = await Promise.all([people, api('PATCH', '/admin/company', { country: 'ES' })]);
      receptionist = await receptionistAtMainNumber(office, office.admin, MAIN_NUMBER, {
        greeting: GREETING,
        options: [{ key: '1', action: { type: 'extension', number: anaUser.extension } }],
      });
      bridge = await api('POST', '/admin/conferences', {
        name: 'Weekly team',
        pin: PIN,
        moderatorPin: MODERATOR_PIN,
      });
      const { language } = await api('GET', '/admin/company');
      const spoken = readWav(
        await office.office.office.voicemailFiles.read(spokenFileOf(language, GREETING)),
      );
      greetingSeconds = spoken.samples.length / spoken.sampleRate;
    };
    const trunk = async () => {
      carrier = await CarrierSbc.start('127.0.0.6');
      await ipTrunkTo(office, carrier, [CARRIER_ADDRESS]);
    };
    const phones = async () => {
      outside = await OutsideCaller.start(office.sip.ports.udp, CARRIER_ADDRESS);
      for (const [i, hz] of DESK_HZ.entries()) desks.push(await deskPhoneOf(office, `Desk ${i + 1}`, hz));
    };
    // Each sets what it started as it goes, so that whatever started is stopped should another fail.
    await Promise.all([services(), trunk(), anaApp(), linphone(), phones()]);
  }, 120_000);
  /** The outside caller's call while it is up: a failed test's is ended, or its retry would hear it too. */
  let outsideCall: { call: InboundCall; answer: SipResponse } | null = null;
  afterEach(async () => {
    if (!outsideCall) return;
    outside.hangUp(outsideCall.call, outsideCall.answer);
    outsideCall = null;
    await expect.poll(() => office.sip.calls.activeCalls, POLL).toBe(0);
  });
  afterAll(async () => {
    if (ana) await stopAudioParty(ana);
    await browser?.close();
    await dan?.stop();
    outside?.close();
    carrier?.close();
    for (const desk of desks) desk.phone.close();
    await office?.close();
    await ns?.remove();
    if (toneDir) await rm(toneDir, { recursive: true, force: true });
  });

  it('an outside caller at the main number hears the receptionist, presses 1 and talks with the app’s softphone', async () => {
    const hearing = outside.media.hearing;
    const mark = hearing.samples.length;
    // The carrier writes the number nationally.
    const call = outside.call({ uriUser: '910000100', from: CALLER });
    const answer = await call.final;
    expect(answer.status).toBe(200);
    outsideCall = { call, answer };
    outside.media.sendTo(answer.body.toString());
    outside.media.play(OUTSIDE_HZ);
    await greetingPlayed();
    expectGreeting(hearing.since(mark));

    outside.media.pressKey('1');
    const incoming = await ana.control.event('calls:incoming', (c) => c.remoteNumber === CALLER);
    expect(incoming.remoteName).toBe('612 34 56 78');
    // The page's call screen names the caller so, and answering there puts the call through.
    const card = ana.page.getByRole('region', { name: '612 34 56 78', exact: true });
    await card.getByText(CALLER).waitFor();
    await card.getByRole('button', { name: 'Answer' }).click();
    await anaHears(OUTSIDE_HZ);
    const heardFromAna = hearing.samples.length;
    await expect.poll(() => toneSeconds(hearing.since(heardFromAna), ANA_HZ), POLL).toBeGreaterThan(1);

    outside.hangUp(call, answer);
    outsideCall = null;
    await expect.poll(() => office.sip.calls.activeCalls, POLL).toBe(0);
    expect((await callLogOf(office, ana.token))[0]).toMatchObject({
      direction: 'incoming',
      otherNumber: CALLER,
      otherName: '612 34 56 78',
      result: 'answered',
    });
    // …and the app's call log shows it the same way.
    await ana.page.getByRole('button', { name: 'Call log' }).click();
    await ana.page.getByRole('button', { name: 'Call 612 34 56 78' }).first().waitFor();
    await ana.page.getByRole('button', { name: 'Phone' }).click();
  });

  it('linphone at the receptionist’s extension hears the greeting, and its key puts it through to the app’s softphone', async () => {
    const recording = dan.recordTo('receptionist.wav');
    let from = dan.mark();
    dan.call(receptionist.extension);
    await dan.waitFor(/connected/, from);
    await greetingPlayed();
    dan.say('1');
    const incoming = await ana.control.event(
      'calls:incoming',
      (c) => c.remoteNumber === danUser.extension && c.state === 'ringing',
    );
    await ana.control.value('calls:answer', { callId: incoming.id });
    await anaHears(DAN_HZ);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // linphone hears Ana a while
    from = dan.mark();
    dan.say('terminate');
    await dan.waitFor(/ended/, from);
    await expect.poll(() => office.sip.calls.activeCalls, POLL).toBe(0);

    const { samples, rate } = await wavSamples(recording);
    expect(rate).toBe(RATE);
    expectGreeting(samples.slice(0, (greetingSeconds + 0.8) * rate));
    // Its last 1.5 s are the talk with Ana (the ringback before, 440 and 480 Hz, is left out).
    expect(toneSeconds(samples.slice(-1.5 * rate), ANA_HZ)).toBeGreaterThan(1);
    expect((await callLogOf(office, danUser.token))[0]).toMatchObject({
      direction: 'outgoing',
      result: 'answered',
    });
    expect((await callLogOf(office, ana.token))[0]).toMatchObject({
      direction: 'incoming',
      otherNumber: danUser.extension,
      result: 'answered',
    });
  });

  it('a bridge joins the app’s softphone, linphone and two desk phones; the moderator mutes linphone in the app', async () => {
    const recording = dan.recordTo('conference.wav');
    // Ana is the moderator; the others type the PIN.
    ana.control.forgetEvents();
    const out = await ana.control.value('calls:dial', { target: bridge.extension });
    await ana.control.event('calls:state-changed', (c) => c.id === out.id && c.state === 'active');
    await ana.control.value('calls:send-dtmf', { callId: out.id, tones: `${MODERATOR_PIN}#` });
    const from = dan.mark();
    dan.call(bridge.extension);
    await dan.waitFor(/connected/, from);
    for (const key of `${PIN}#`) {
      dan.say(key);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const calls = [];
    for (const desk of desks) {
      const { response, dialog } = await desk.phone.dial(bridge.extension);
      expect(response.status).toBe(200);
      for (const key of `${PIN}#`) {
        desk.phone.media.pressKey(key);
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
      calls.push(dialog!);
    }
    const conference = async () =>
      (await office.office.request('GET', '/me/conferences', { token: ana.token })).body.items[0];
    await expect.poll(async () => (await conference())?.participants.length, POLL).toBe(4);
    expect((await conference()).moderator).toBe(true);

    // Each hears the three others and not themself. Linphone's recording is checked as it grows:
    // it must have heard the three others a while before anything changes.
    await everyoneHears([ANA_HZ, DAN_HZ, ...DESK_HZ]);
    await expect
      .poll(
        async () => windowsHearing(await dan.recordedSoFar(recording), RATE, [ANA_HZ, ...DESK_HZ]).length,
        {
          ...POLL,
          interval: 500,
        },
      )
      .toBeGreaterThan(5);

    // The moderator mutes linphone in the app's conference view: its tone leaves the others' audio.
    await ana.page.getByRole('button', { name: 'Mute Dan Linphone' }).click();
    await ana.page.getByRole('button', { name: 'Unmute Dan Linphone' }).waitFor();
    expect((await conference()).participants).toContainEqual(
      expect.objectContaining({ number: danUser.extension, muted: true }),
    );
    await everyoneHears([ANA_HZ, ...DESK_HZ], [DAN_HZ]);

    for (const [i, desk] of desks.entries()) expect(await desk.phone.bye(calls[i]!)).toBe(200);
    await ana.control.value('calls:hang-up', { callId: out.id });
    const end = dan.mark();
    dan.say('terminate');
    await dan.waitFor(/ended/, end);
    await expect.poll(() => office.sip.calls.activeCalls, POLL).toBe(0);

    // Linphone heard the three others (muted, it still hears them), never itself.
    const { samples, rate } = await wavSamples(recording);
    const together = windowsHearing(samples, rate, [ANA_HZ, ...DESK_HZ]);
    expect(together.length).toBeGreaterThan(5);
    for (const window of together) expect(toneAmplitude(window, rate, DAN_HZ)).toBeLessThan(ABSENT);
  });

  /**
   * The 0.4 s windows of a recording (one every 0.2 s) in which each tone of `present` is heard;
   * the conference's spoken prompts and the time before everyone came are left out so.
   */
  function windowsHearing(samples: Int16Array, rate: number, present: number[]): Int16Array[] {
    const windows: Int16Array[] = [];
    for (let at = 0; at + 0.4 * rate <= samples.length; at += 0.2 * rate) {
      const window = samples.subarray(at, at + 0.4 * rate);
      if (present.every((hz) => toneAmplitude(window, rate, hz) > ANA_HEARD)) windows.push(window);
    }
    return windows;
  }

  /** Seconds of `hz` alone in the samples. */
  function toneSeconds(samples: ArrayLike<number>, hz: number): number {
    return toneStretches(samples, RATE, hz).reduce((sum, stretch) => sum + stretch.seconds, 0);
  }
});
