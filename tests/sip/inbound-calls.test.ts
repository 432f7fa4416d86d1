// Calls in from a carrier (an IP trunk whose border controller is a UDP socket on 127.0.0.3): the
// number called is found however the carrier writes it and rings what it routes to; a number the
// office does not own is refused with nothing rung; the caller is shown as the company's people
// read numbers, or by a colleague's name; a call holds one of the trunk's channels while it lasts.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { QUICK_TRUNKS, TrunkAdmin } from '../support/carrier/trunks';
import { OutsideCaller } from '../support/carrier/outside-caller';
import { Carrier, CARRIER_REALM } from '../support/carrier/carrier';
import { useSipOffice } from '../support/sip-office';
import { parseNameAddr } from '../../server/sip/fields';
import type { SipRequest, SipResponse } from '../../server/sip/message';
import { DeskPhone } from './udp-desk-phone';
import { expectTone } from './mixed-office';

const CARRIER_ADDRESS = '127.0.0.3';
const ANA_NUMBER = '+34910000001';
const BEN_NUMBER = '+34910000002';
const OFFICE = { username: 'office', password: 'Carrier-secret-1' };

const displayNameOf = (invite: SipRequest) => parseNameAddr(invite.headers.get('From')!).displayName;

describe('calls in from a trunk', { timeout: 30_000 }, () => {
  const sip = useSipOffice({}, QUICK_TRUNKS);
  const trunks = new TrunkAdmin(() => sip.office);
  let outside: OutsideCaller;
  let ana: DeskPhone;
  let anaToken: string;
  let trunkId: string;

  beforeAll(async () => {
    const { office } = sip;
    const admin = await office.adminToken();
    const api = async (method: 'POST' | 'PATCH', path: string, body: Record<string, unknown>) => {
      const answer = await office.request(method, path, { token: admin, body });
      expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
    };
    await api('PATCH', '/admin/company', { country: 'ES' });
    const anaUser = await office.createSignedInUser(admin, 'Ana Inbound');
    const ben = await office.createSignedInUser(admin, 'Ben Direct');
    anaToken = anaUser.token;
    const device = await office.addDeskPhone(admin, anaUser.extension);
    ana = await DeskPhone.start(sip.sip.ports.udp, anaUser.extension, device);
    await api('POST', '/admin/phone-numbers', {
      number: ANA_NUMBER,
      routeType: 'extension',
      routeTarget: anaUser.extension,
    });
    await api('POST', '/admin/phone-numbers', {
      number: BEN_NUMBER,
      routeType: 'extension',
      routeTarget: ben.extension,
    });
    outside = await OutsideCaller.start(sip.sip.ports.udp, CARRIER_ADDRESS);
    const trunk = await trunks.create({
      kind: 'ip',
      name: 'Carrier SBC',
      host: CARRIER_ADDRESS,
      port: outside.port,
      addresses: [CARRIER_ADDRESS],
    });
    trunkId = trunk.id;
    await vi.waitFor(() => expect(sip.sip.trunks.forOutbound()).toHaveLength(1), { timeout: 10_000 });
  });
  const sbcChannels = () =>
    sip.sip.trunks.forOutbound().find((t) => t.config.name === 'Carrier SBC')!.channels;

  afterAll(() => {
    outside?.close();
    ana?.close();
  });

  it('rings the extension a national number routes to, audio both ways, logged with the caller formatted', async () => {
    const call = outside.call({ uriUser: '910000001', from: '+33123456789' });
    const invite = await ana.nextInvite();
    expect(displayNameOf(invite)).toBe('+33 1 23 45 67 89');
    expect(sbcChannels()).toBe(1);
    ana.answer(invite);
    const answer = await call.final;
    expect(answer.status).toBe(200);
    outside.media.sendTo(answer.body.toString());
    outside.media.play(600);
    ana.media.play(1000);
    await expectTone(outside.media.hearing, 1000);
    await expectTone(ana.media.hearing, 600);
    outside.hangUp(call, answer);
    await expect.poll(() => sip.sip.calls.activeCalls).toBe(0);
    expect(sbcChannels()).toBe(0);
    await expect
      .poll(async () => (await sip.office.request('GET', '/me/call-log', { token: anaToken })).body.items[0])
      .toMatchObject({
        direction: 'incoming',
        otherNumber: '+33123456789',
        otherName: '+33 1 23 45 67 89',
        result: 'answered',
      });
  });

  it.each([
    ['E.164 in the Request-URI', { uriUser: ANA_NUMBER }],
    ['without its plus', { uriUser: '34910000001' }],
    ['with the international prefix', { uriUser: '0034910000001' }],
    ['in To only, the Request-URI naming the trunk', { uriUser: 'office-trunk', toUser: ANA_NUMBER }],
  ])('finds the number written %s', async (_, written) => {
    const call = outside.call({ ...written, from: '912345678' });
    const invite = await ana.nextInvite();
    // A caller of the company's own country, written as people there write numbers.
    expect(displayNameOf(invite)).toBe('912 34 56 78');
    ana.refuse(invite, 486, 'Busy Here');
    expect((await call.final).status).toBe(486);
  });

  it('names the colleague whose direct number calls', async () => {
    const call = outside.call({ uriUser: ANA_NUMBER, from: BEN_NUMBER });
    const invite = await ana.nextInvite();
    expect(displayNameOf(invite)).toBe('Ben Direct');
    ana.refuse(invite, 486, 'Busy Here');
    expect((await call.final).status).toBe(486);
  });

  it('shows a caller who withheld their number as anonymous', async () => {
    const call = outside.call({ uriUser: ANA_NUMBER, from: '+33123456789', headers: [['Privacy', 'id']] });
    const invite = await ana.nextInvite();
    expect(parseNameAddr(invite.headers.get('From')!).uri).toMatch(/^sip:anonymous@/);
    ana.refuse(invite, 486, 'Busy Here');
    expect((await call.final).status).toBe(486);
  });

  it('refuses a number the office does not own, ringing nothing and holding no channel', async () => {
    const call = outside.call({ uriUser: '+34919999999', from: '+33123456789' });
    const answer = await call.final;
    expect(answer.status).toBe(404);
    expect(answer.reason).toContain('not a number of this office');
    await expect(ana.nextInvite(300)).rejects.toThrow('no call rang');
    expect(sbcChannels()).toBe(0);
  });

  it('stops ringing when the caller gives up, and frees the channel', async () => {
    const call = outside.call({ uriUser: ANA_NUMBER, from: '+33123456789' });
    ana.ring(await ana.nextInvite());
    expect(sbcChannels()).toBe(1);
    outside.cancel(call);
    expect((await call.final).status).toBe(487);
    await expect.poll(() => sbcChannels()).toBe(0);
    await expect.poll(() => sip.sip.calls.activeCalls).toBe(0);
  });

  it('refuses a call that has gone round too often (Max-Forwards 0)', async () => {
    const call = outside.call({ uriUser: ANA_NUMBER, from: '+33123456789', maxForwards: 0 });
    expect((await call.final).status).toBe(483);
    await expect(ana.nextInvite(300)).rejects.toThrow('no call rang');
  });

  it('refuses a call past the trunk’s channel limit, and takes calls again once one ends', async () => {
    await trunks.change(trunkId, { maxChannels: 1 });
    const first = outside.call({ uriUser: ANA_NUMBER, from: '+33123456789' });
    const ringing = await ana.nextInvite();
    ana.ring(ringing);
    const second = outside.call({ uriUser: ANA_NUMBER, from: '+33123456780' });
    expect((await second.final).status).toBe(503);
    ana.refuse(ringing, 486, 'Busy Here');
    expect((await first.final).status).toBe(486);
    const third = outside.call({ uriUser: ANA_NUMBER, from: '+33123456789' });
    const rings = await ana.nextInvite();
    ana.refuse(rings, 486, 'Busy Here');
    expect((await third.final).status).toBe(486);
    await trunks.change(trunkId, { maxChannels: 30 });
  });

  it('rings a ring group the number routes to, its members’ phones together', async () => {
    const { office } = sip;
    const admin = await office.adminToken();
    const cleo = await office.createSignedInUser(admin, 'Cleo Group');
    const cleoDesk = await DeskPhone.start(
      sip.sip.ports.udp,
      cleo.extension,
      await office.addDeskPhone(admin, cleo.extension),
    );
    try {
      const group = await office.request('POST', '/admin/ring-groups', {
        token: admin,
        body: { name: 'Front desk', strategy: 'all', members: [ana.extension, cleo.extension] },
      });
      expect(group.status, JSON.stringify(group.body)).toBe(201);
      const added = await office.request('POST', '/admin/phone-numbers', {
        token: admin,
        body: { number: '+34910000009', routeType: 'ring-group', routeTarget: group.body.extension },
      });
      expect(added.status, JSON.stringify(added.body)).toBe(201);
      const call = outside.call({ uriUser: '910000009', from: '+33123456789' });
      const [atAna, atCleo] = await Promise.all([ana.nextInvite(), cleoDesk.nextInvite()]);
      expect(displayNameOf(atCleo)).toBe('+33 1 23 45 67 89');
      ana.ring(atAna);
      cleoDesk.answer(atCleo);
      const answer = await call.final;
      expect(answer.status).toBe(200);
      outside.hangUp(call, answer);
      await expect.poll(() => sip.sip.calls.activeCalls).toBe(0);
    } finally {
      cleoDesk.close();
    }
  });

  it('takes a call the carrier relays to a registration trunk (the number in To), answering with the proxy’s Record-Route so both sides’ in-dialog requests pass it', async () => {
    const carrier = await Carrier.start({ subscribers: [OFFICE] });
    const behindCarrier = await OutsideCaller.start(carrier.port, '127.0.0.1');
    let trunk: Awaited<ReturnType<typeof trunks.create>> | undefined;
    try {
      trunk = await trunks.create({
        kind: 'registration',
        name: 'Kamailio carrier',
        host: '127.0.0.1',
        port: carrier.port,
        registration: { ...OFFICE, domain: CARRIER_REALM },
      });
      await trunks.until(trunk.id, 'registered');
      const viaCarrier = (request: SipRequest) =>
        request.headers.getAll('Via').some((via) => via.includes(`:${carrier.port}`));
      const routeOf = (response: SipResponse) => response.headers.getAll('Record-Route');

      // The office's BYE (Ana hangs up) goes back through the proxy, as the INVITE's Record-Route asked.
      // The outside caller dials the office's number at the carrier; the carrier finds the
      // office's registration and relays the call to its Contact, the number kept in To.
      const first = behindCarrier.call({ uriUser: 'office', toUser: ANA_NUMBER, from: '+33123456789' });
      const invite = await ana.nextInvite();
      expect(displayNameOf(invite)).toBe('+33 1 23 45 67 89');
      const dialog = ana.answer(invite);
      const answer = await first.final;
      expect(answer.status).toBe(200);
      // RFC 3261 §12.1.1: the 2xx (and the 180 before it) echo the proxy's Record-Route.
      expect(routeOf(answer)).toHaveLength(1);
      expect(routeOf(answer)[0]).toContain(`127.0.0.1:${carrier.port}`);
      for (const response of first.responses.filter((r) => r.status === 180))
        expect(routeOf(response)).toEqual(routeOf(answer));
      // The phone's ACK went to the proxy, which relayed it: the office stops resending its 200.
      expect(behindCarrier.inDialog).toContainEqual({
        method: 'ACK',
        port: carrier.port,
        routes: routeOf(answer),
      });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(first.responses.filter((r) => r.status === 200)).toHaveLength(1);
      await ana.bye(dialog);
      await expect.poll(() => behindCarrier.requests.find((r) => r.method === 'BYE')).toBeDefined();
      expect(viaCarrier(behindCarrier.requests.find((r) => r.method === 'BYE')!)).toBe(true);
      await expect.poll(() => sip.sip.calls.activeCalls).toBe(0);

      // The phone's BYE reaches the office only through the proxy, and ends the call.
      const second = behindCarrier.call({ uriUser: 'office', toUser: ANA_NUMBER, from: '+33123456789' });
      const answered = ana.answer(await ana.nextInvite());
      const again = await second.final;
      behindCarrier.hangUp(second, again);
      expect(behindCarrier.inDialog.at(-1)).toEqual({
        method: 'BYE',
        port: carrier.port,
        routes: routeOf(again),
      });
      await ana.hungUp(answered);
      await expect.poll(() => sip.sip.calls.activeCalls).toBe(0);
    } finally {
      // Also after a failure, so that a retry can make the trunk again.
      if (trunk) await trunks.remove(trunk.id);
      behindCarrier.close();
      await carrier.close();
    }
  });
});
