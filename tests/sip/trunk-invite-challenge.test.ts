// A carrier that challenges the office's calls out (Kamailio as a proxy: 407 to every INVITE
// until it carries the subscriber's digest answer): the office answers with the trunk's account,
// once, and the outside phone behind the carrier gets the call with the caller's direct number.
// A challenge that comes again is the account refused: the office gives up after one answer.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseNameAddr, parseSipUri } from '../../server/sip/fields';
import { cseqOf } from '../../server/sip/message';
import { Carrier, CARRIER_REALM } from '../support/carrier/carrier';
import { CarrierSbc } from '../support/carrier/carrier-sbc';
import { QUICK_TRUNKS, TrunkAdmin } from '../support/carrier/trunks';
import { useSipOffice } from '../support/sip-office';
import { expectTone } from './mixed-office';
import { DeskPhone } from './udp-desk-phone';

const ACCOUNT = { username: 'office', password: 'Carrier-secret-1' };
const MAIN = '+34910000000';
const ANA_NUMBER = '+34910000001';

const userOf = (value: string | undefined) => parseSipUri(parseNameAddr(value!).uri).user;

describe('a carrier challenging calls out', { timeout: 60_000 }, () => {
  const sip = useSipOffice({}, QUICK_TRUNKS);
  const trunks = new TrunkAdmin(() => sip.office);
  let outsidePhone: CarrierSbc;
  let carrier: Carrier;
  let ana: DeskPhone;

  beforeAll(async () => {
    const admin = await sip.office.adminToken();
    const api = async (method: 'POST' | 'PATCH', path: string, body: Record<string, unknown>) => {
      const answer = await sip.office.request(method, path, { token: admin, body });
      expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
      return answer.body as Record<string, unknown>;
    };
    const user = await sip.office.createSignedInUser(admin, 'Ana Outbound');
    ana = await DeskPhone.start(
      sip.sip.ports.udp,
      user.extension,
      await sip.office.addDeskPhone(admin, user.extension),
    );
    await api('PATCH', `/admin/users/${user.id}`, { outboundCalls: 'international' });
    for (const number of [MAIN, ANA_NUMBER])
      await api('POST', '/admin/phone-numbers', {
        number,
        routeType: 'extension',
        routeTarget: user.extension,
      });
    await api('PATCH', '/admin/company', { country: 'ES', mainNumber: MAIN });

    outsidePhone = await CarrierSbc.start('127.0.0.1');
    carrier = await Carrier.start({
      subscribers: [ACCOUNT],
      outsidePhone: `sip:${outsidePhone.address}:${outsidePhone.port}`,
    });
    const trunk = await trunks.create({
      kind: 'registration',
      name: 'Challenging carrier',
      host: '127.0.0.1',
      port: carrier.port,
      registration: { ...ACCOUNT, domain: CARRIER_REALM },
      callerIdHeader: 'p-asserted-identity',
    });
    // Registered: the trunk is up for calls out.
    await vi.waitFor(
      async () => {
        expect((await trunks.get(trunk.id)).status.state).toBe('registered');
        expect(sip.sip.trunks.forOutbound()).toHaveLength(1);
      },
      { timeout: 10_000, interval: 100 },
    );
  });
  afterAll(async () => {
    ana?.close();
    outsidePhone?.close();
    await carrier?.close();
  });

  it('answers the 407 with the trunk’s account and reaches the outside phone with the right caller ID', async () => {
    const { response, dialog } = await ana.dial('912345678');
    expect(response.status).toBe(200);
    const invite = await outsidePhone.invite(0);
    // The second INVITE of the call: the first was challenged.
    expect(cseqOf(invite).seq).toBe(2);
    expect(parseSipUri(invite.uri).user).toBe('+34912345678');
    expect(userOf(invite.headers.get('From'))).toBe(ANA_NUMBER);
    expect(userOf(invite.headers.get('P-Asserted-Identity'))).toBe(ANA_NUMBER);
    outsidePhone.media.play(700);
    ana.media.play(1100);
    await expectTone(outsidePhone.media.hearing, 1100);
    await expectTone(ana.media.hearing, 700);
    expect(await ana.bye(dialog!)).toBe(200);
    await expect.poll(() => outsidePhone.byes.length).toBe(1);
    expect(sip.sip.trunks.forOutbound()[0]!.channels).toBe(0);
  });

  it('answers a challenge once: challenged again, it gives up and frees the channel', async () => {
    const before = outsidePhone.invites.length;
    const { response } = await ana.dial('+442079460000');
    expect(response.status).toBe(503);
    // The first INVITE and the one answering the challenge: no third.
    expect(await carrier.barredAttempts()).toBe(2);
    expect(outsidePhone.invites.length).toBe(before);
    expect(sip.sip.trunks.forOutbound()[0]!.channels).toBe(0);
  });
});
