// A trunk's DTMF mode holds on real calls: an outside caller (a UDP socket on 127.0.0.3, one of the
// IP trunk's addresses) reaches the receptionist through the main number and its key, sent the
// trunk's way (RFC 4733 events, SIP INFO, or Q.23 tones in the audio that the agent hears with a
// Goertzel detector), rings a softphone (sip.js, werift WebRTC media); the softphone's key (SIP
// INFO, as the app sends it) then reaches the outside phone the trunk's way and no other. A
// softphone's call out through the trunk (the carrier on 127.0.0.6) does the same. Where keys do
// not go as RFC 4733, no description the carrier gets or is answered with lists telephone-event.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Invitation } from 'sip.js';
import type { DtmfMode } from '../../common/api/trunks';
import { TrunkAdmin } from '../support/carrier/trunks';
import { OutsideCaller } from '../support/carrier/outside-caller';
import { CarrierSbc } from '../support/carrier/carrier-sbc';
import type { SipOffice } from '../support/sip-office';
import type { SipRequest } from '../../server/sip/message';
import { pressKey } from './softphone';
import { ToneKeys } from '../../server/media/dtmf-tones';
import type { RtpPeer } from '../support/media-peers';
import { DOMAIN } from './desk-phone';
import { deskPhoneOf, type Desk, type Softphone } from './mixed-office';
import {
  startFrontDeskOffice,
  stopFrontDeskOffice,
  type AdminApi,
  type FrontDeskOffice,
} from './trunk-front-desk';
import { receptionistAtMainNumber } from '../support/carrier/main-number';

const CALLER_ADDRESS = '127.0.0.3';
const MAIN_NUMBER = '+34910000100';
const DESK_NUMBER = '+34910000200';

const listsKeypadEvents = (sdp: string) => sdp.includes('telephone-event');
const infoKeys = (requests: SipRequest[]) =>
  requests.filter((r) => r.method === 'INFO').map((r) => /Signal=(\S)/.exec(r.body.toString())?.[1]);

const MODES = ['rfc4733', 'info', 'inband'] as const;

/** Keys heard as tones in the audio (ITU-T Q.23). */
const tonesIn = (samples: number[]) => new ToneKeys().hear(Int16Array.from(samples));

/** What reaches a phone outside from now on: RFC 4733 events, SIP INFO keys (in `requests`), tones in its audio. */
function keysSince(media: RtpPeer, requests: () => SipRequest[]) {
  const events = media.hearing.keys.length;
  const infos = requests().length;
  const heard = media.hearing.samples.length;
  return () => ({
    events: media.hearing.keys.slice(events),
    infos: infoKeys(requests().slice(infos)),
    tones: tonesIn(media.hearing.since(heard)),
  });
}

/** How a key reaches the outside phone on a trunk of `mode`: that way, and no other. */
const sentThe = (mode: DtmfMode, key: string) => ({
  events: mode === 'rfc4733' ? [key] : [],
  infos: mode === 'info' ? [key] : [],
  tones: mode === 'inband' ? [key] : [],
});

describe('a trunk’s DTMF mode', { timeout: 60_000 }, () => {
  let office: SipOffice & { admin: string };
  let ana: Softphone;
  let desk: Desk;
  let outside: OutsideCaller;
  let carrier: CarrierSbc;
  let trunkId: string;
  const trunks = new TrunkAdmin(() => office.office);

  let started: FrontDeskOffice | undefined;
  let api: AdminApi;

  beforeAll(async () => {
    started = await startFrontDeskOffice('Ana Keys');
    ({ office, api, ana } = started);
    await receptionistAtMainNumber(office, office.admin, MAIN_NUMBER, {
      greeting: 'For Ana, press 1.',
      options: [{ key: '1', action: { type: 'extension', number: ana.extension } }],
    });
    desk = await deskPhoneOf(office, 'Desk Keys', 1000);
    await api('POST', '/admin/phone-numbers', {
      number: DESK_NUMBER,
      routeType: 'extension',
      routeTarget: desk.extension,
    });
    outside = await OutsideCaller.start(office.sip.ports.udp, CALLER_ADDRESS);
    carrier = await CarrierSbc.start('127.0.0.6');
    trunkId = (
      await trunks.create({
        kind: 'ip',
        name: 'Keys carrier',
        host: carrier.address,
        port: carrier.port,
        addresses: [CALLER_ADDRESS, carrier.address],
      })
    ).id;
  });
  afterAll(() => stopFrontDeskOffice(started, [outside, carrier, desk?.phone]));

  /** The trunk takes keys `mode`'s way from now on (its carrier link restarts). */
  const useMode = async (mode: DtmfMode) => {
    await trunks.change(trunkId, { dtmfMode: mode });
    await vi.waitFor(() => expect(office.sip.trunks.forOutbound()[0]?.config.dtmfMode).toBe(mode), {
      timeout: 10_000,
    });
  };

  it.each(MODES)(
    '%s: the outside caller’s key acts on the menu, and the softphone’s key reaches the outside phone',
    async (mode) => {
      await useMode(mode);
      const call = outside.call({ uriUser: '910000100', from: '+33123456789' });
      const answer = await call.final;
      expect(answer.status).toBe(200);
      // The menu's answer lists telephone-event only on a trunk whose keys are RFC 4733 events.
      expect(listsKeypadEvents(answer.body.toString())).toBe(mode === 'rfc4733');
      outside.media.sendTo(answer.body.toString());
      outside.media.play(600);
      const mark = outside.media.hearing.samples.length;
      await expect
        .poll(() => outside.media.hearing.samples.length - mark, { timeout: 10_000 })
        .toBeGreaterThan(4000);
      if (mode === 'rfc4733') outside.media.pressKey('1');
      else if (mode === 'inband') outside.media.pressKeyInAudio('1');
      else {
        outside.infoKey(call, answer, '1');
        await expect.poll(() => outside.answers.at(-1)?.status).toBe(200);
      }
      const reoffers = () => outside.requests.filter((r) => r.method === 'INVITE');
      const reoffered = reoffers().length;
      const invitation: Invitation = await ana.phone.nextInvitation(8000);
      await invitation.accept();
      // The caller's media moved to the softphone's call by a re-INVITE: offered the trunk's way too.
      await expect.poll(() => reoffers().length).toBe(reoffered + 1);
      expect(listsKeypadEvents(reoffers().at(-1)!.body.toString())).toBe(mode === 'rfc4733');
      await new Promise((resolve) => setTimeout(resolve, 500));
      const reached = keysSince(outside.media, () => outside.requests);
      await pressKey(invitation, '5');
      await expect.poll(reached, { timeout: 5000 }).toEqual(sentThe(mode, '5'));
      // The carrier offering again (its telephone-event in it) is answered the trunk's way too.
      const refreshed = await outside.reoffer(call, answer);
      expect(refreshed.status).toBe(200);
      expect(listsKeypadEvents(refreshed.body.toString())).toBe(mode === 'rfc4733');
      outside.hangUp(call, answer);
      await expect.poll(() => office.sip.calls.activeCalls, { timeout: 10_000 }).toBe(0);
    },
  );

  it.each(['info', 'inband'] as const)(
    '%s: a desk phone answering an outside call goes through the agent, so keys cross between its RFC 4733 events and the carrier',
    async (mode) => {
      await useMode(mode);
      const call = outside.call({ uriUser: '910000200', from: '+33123456789' });
      desk.phone.answer(await desk.phone.nextInvite());
      const answer = await call.final;
      expect(answer.status).toBe(200);
      outside.media.sendTo(answer.body.toString());
      await new Promise((resolve) => setTimeout(resolve, 500));
      const reached = keysSince(outside.media, () => outside.requests);
      desk.phone.media.pressKey('5');
      await expect.poll(reached, { timeout: 5000 }).toEqual(sentThe(mode, '5'));
      if (mode === 'info') {
        // The carrier's INFO key reaches the desk phone as an RFC 4733 event.
        const deskKeys = desk.phone.media.hearing.keys.length;
        outside.infoKey(call, answer, '7');
        await expect
          .poll(() => desk.phone.media.hearing.keys.slice(deskKeys), { timeout: 5000 })
          .toEqual(['7']);
      }
      outside.hangUp(call, answer);
      await expect.poll(() => office.sip.calls.activeCalls, { timeout: 10_000 }).toBe(0);
    },
  );

  it.each(MODES)(
    '%s: a softphone calling out offers the carrier the trunk’s way, and its key goes that way',
    async (mode) => {
      await useMode(mode);
      const before = carrier.invites.length;
      const { session, final } = ana.phone.dial(`sip:912345678@${DOMAIN}`);
      const invite = await carrier.invite(before, 8000);
      expect(listsKeypadEvents(invite.body.toString())).toBe(mode === 'rfc4733');
      expect(await final).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const reached = keysSince(carrier.media, () => carrier.infos);
      await pressKey(session, '9');
      await expect.poll(reached, { timeout: 5000 }).toEqual(sentThe(mode, '9'));
      await session.bye();
      await expect.poll(() => office.sip.calls.activeCalls, { timeout: 10_000 }).toBe(0);
    },
  );
});
