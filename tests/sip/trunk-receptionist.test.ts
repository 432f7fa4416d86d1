// An outside caller reaches the receptionist through the company's main number: the carrier's
// border controller (a UDP socket on 127.0.0.3, one of an IP trunk's listed addresses) sends the
// INVITE, the media agent answers with the menu, and an RFC 4733 key rings a softphone (sip.js
// with werift WebRTC media) or, as the company's own call, an outside number through the trunk
// (the carrier's other address, 127.0.0.6), its main number as caller ID. Once answered, each
// side hears the other's tone. The call also comes through the carrier's proxy (Kamailio) to a
// registration trunk, the office's re-INVITE to the caller then routed back through the proxy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Invitation } from 'sip.js';
import { TrunkAdmin } from '../support/carrier/trunks';
import { OutsideCaller, type CallIn } from '../support/carrier/outside-caller';
import { CarrierSbc } from '../support/carrier/carrier-sbc';
import { Carrier, CARRIER_REALM } from '../support/carrier/carrier';
import { ipTrunkTo, receptionistAtMainNumber } from '../support/carrier/main-number';
import type { SipOffice } from '../support/sip-office';
import { parseNameAddr, parseSipUri } from '../../server/sip/fields';
import { expectTone, type Softphone } from './mixed-office';
import {
  startFrontDeskOffice,
  stopFrontDeskOffice,
  type AdminApi,
  type FrontDeskOffice,
} from './trunk-front-desk';

const CARRIER_ADDRESS = '127.0.0.3';
const MAIN_NUMBER = '+34910000100';
const WAREHOUSE = '+34912345678';

describe('an outside caller at the receptionist', { timeout: 60_000 }, () => {
  let office: SipOffice & { admin: string };
  let ana: Softphone;
  let outside: OutsideCaller;
  let carrier: CarrierSbc;

  let started: FrontDeskOffice | undefined;
  let api: AdminApi;

  beforeAll(async () => {
    started = await startFrontDeskOffice('Ana Softphone');
    ({ office, api, ana } = started);
    await receptionistAtMainNumber(office, office.admin, MAIN_NUMBER, {
      greeting: 'Welcome. For Ana, press 1.',
      options: [
        { key: '1', action: { type: 'extension', number: ana.extension } },
        // Written nationally; kept in E.164.
        { key: '2', action: { type: 'outside', number: '912 34 56 78' } },
      ],
    });
    outside = await OutsideCaller.start(office.sip.ports.udp, CARRIER_ADDRESS);
    carrier = await CarrierSbc.start('127.0.0.6');
    await ipTrunkTo(office, carrier, [CARRIER_ADDRESS], { callerIdHeader: 'p-asserted-identity' });
  });
  const sbcChannels = () => office.sip.trunks.forOutbound()[0]!.channels;
  afterAll(() => stopFrontDeskOffice(started, [outside, carrier]));

  /** The outside caller dials the main number (as the carrier writes it, nationally), answered by the menu. */
  const callMainNumber = async (
    caller = outside,
    dialled: CallIn = { uriUser: '910000100', from: '+33123456789' },
  ) => {
    const call = caller.call(dialled);
    const answer = await call.final;
    expect(answer.status).toBe(200);
    caller.media.sendTo(answer.body.toString());
    caller.media.play(600);
    // The greeting reaches the caller before any key.
    const mark = caller.media.hearing.samples.length;
    await expect
      .poll(() => caller.media.hearing.samples.length - mark, { timeout: 10_000 })
      .toBeGreaterThan(4000);
    return { call, answer };
  };

  it('answers the main number with the menu; key 1 rings the softphone, and both hear each other', async () => {
    const { call, answer } = await callMainNumber();
    outside.media.pressKey('1');
    const invitation: Invitation = await ana.phone.nextInvitation(8000);
    expect(invitation.request.from.uri.user).toBe('+33123456789');
    await invitation.accept();
    await expectTone(ana.media.of(invitation).hearing, 600);
    await expectTone(outside.media.hearing, 440);
    // The call still holds the channel it came in on, the receptionist's part over.
    expect(sbcChannels()).toBe(1);
    outside.hangUp(call, answer);
    await expect.poll(() => office.sip.calls.activeCalls, { timeout: 10_000 }).toBe(0);
    expect(sbcChannels()).toBe(0);
  });

  it('key 2 calls an outside number through the trunk as the company, its main number shown, audio both ways', async () => {
    const { call, answer } = await callMainNumber();
    outside.media.pressKey('2');
    const invite = await carrier.invite(0, 8000);
    expect(parseSipUri(invite.uri).user).toBe(WAREHOUSE);
    // The company's call: its main number, not the stranger's, in From and P-Asserted-Identity.
    for (const header of ['From', 'P-Asserted-Identity'])
      expect(parseSipUri(parseNameAddr(invite.headers.get(header)!).uri).user).toBe(MAIN_NUMBER);
    carrier.media.play(1000);
    await expectTone(carrier.media.hearing, 600);
    await expectTone(outside.media.hearing, 1000);
    expect(sbcChannels()).toBe(2);
    outside.hangUp(call, answer);
    await expect.poll(() => carrier.byes.length, { timeout: 10_000 }).toBe(1);
    await expect.poll(() => office.sip.calls.activeCalls, { timeout: 10_000 }).toBe(0);
    expect(sbcChannels()).toBe(0);
  });

  it('counts the key’s call against the office’s cap: at it, nothing goes out and the caller stays at the menu', async () => {
    const { total } = (await office.office.request('GET', '/admin/company', { token: office.admin })).body
      .outsideCalls;
    await api('PATCH', '/admin/company', { outsideCalls: { total: 0 } });
    try {
      const before = carrier.invites.length;
      const { call, answer } = await callMainNumber();
      outside.media.pressKey('2');
      // The receptionist says nobody can take the call, and goes on with its menu.
      const mark = outside.media.hearing.samples.length;
      await expect
        .poll(() => outside.media.hearing.samples.length - mark, { timeout: 10_000 })
        .toBeGreaterThan(8000);
      expect(carrier.invites.length).toBe(before);
      expect(office.sip.calls.activeCalls).toBe(1);
      outside.hangUp(call, answer);
      await expect.poll(() => office.sip.calls.activeCalls, { timeout: 10_000 }).toBe(0);
      expect(sbcChannels()).toBe(0);
    } finally {
      await api('PATCH', '/admin/company', { outsideCalls: { total } });
    }
  });

  it('takes the call through the carrier’s proxy (Kamailio) to a registration trunk, key 1 to the softphone', async () => {
    const account = { username: 'office', password: 'Carrier-secret-1' };
    const kamailio = await Carrier.start({ subscribers: [account] });
    const behindCarrier = await OutsideCaller.start(kamailio.port, '127.0.0.1');
    const trunks = new TrunkAdmin(() => office.office);
    try {
      const trunk = await trunks.create({
        kind: 'registration',
        name: 'Kamailio carrier',
        host: '127.0.0.1',
        port: kamailio.port,
        registration: { ...account, domain: CARRIER_REALM },
      });
      await trunks.until(trunk.id, 'registered');
      // The carrier finds the office's registration and relays the call, the number in To.
      const { call, answer } = await callMainNumber(behindCarrier, {
        uriUser: 'office',
        toUser: MAIN_NUMBER,
        from: '+33123456780',
      });
      behindCarrier.media.pressKey('1');
      const invitation: Invitation = await ana.phone.nextInvitation(8000);
      await invitation.accept();
      await expectTone(ana.media.of(invitation).hearing, 600);
      await expectTone(behindCarrier.media.hearing, 440);
      behindCarrier.hangUp(call, answer);
      await expect.poll(() => office.sip.calls.activeCalls, { timeout: 10_000 }).toBe(0);
      await trunks.remove(trunk.id);
    } finally {
      behindCarrier.close();
      await kamailio.close();
    }
  });
});
