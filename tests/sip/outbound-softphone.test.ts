// A softphone (sip.js and WebRTC) calls an outside number: the office anchors the call in the
// media agent, since the carrier speaks plain RTP, and the carrier (a UDP socket on 127.0.0.6
// with its own RTP) gets the person's direct number in From and P-Asserted-Identity. Each side
// hears the other's tone.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TrunkAdmin } from '../support/carrier/trunks';
import { CarrierSbc } from '../support/carrier/carrier-sbc';
import { DOMAIN, type SipOffice } from '../support/sip-office';
import { parseNameAddr, parseSipUri } from '../../server/sip/fields';
import { expectTone, softphoneOf, startMixedOffice, type Softphone } from './mixed-office';
import { SessionState, reaches } from './softphone';

describe('a softphone calling out through a trunk', { timeout: 60_000 }, () => {
  let office: SipOffice & { admin: string };
  let ana: Softphone;
  let carrier: CarrierSbc;

  beforeAll(async () => {
    office = await startMixedOffice(4, {});
    ana = await softphoneOf(office, 'Ana Softphone', 440);
    const api = async (method: 'POST' | 'PATCH', route: string, body: Record<string, unknown>) =>
      expect((await office.office.request(method, route, { token: office.admin, body })).status).toBeLessThan(
        300,
      );
    await api('POST', '/admin/phone-numbers', {
      number: '+34910000001',
      routeType: 'extension',
      routeTarget: ana.extension,
    });
    await api('PATCH', '/admin/company', { country: 'ES' });
    carrier = await CarrierSbc.start('127.0.0.6');
    await new TrunkAdmin(() => office.office).create({
      kind: 'ip',
      name: 'Carrier',
      host: carrier.address,
      port: carrier.port,
      addresses: [carrier.address],
      callerIdHeader: 'p-asserted-identity',
    });
    await vi.waitFor(() => expect(office.sip.trunks.forOutbound()).toHaveLength(1), { timeout: 10_000 });
  });
  afterAll(async () => {
    await ana?.phone.stop();
    await ana?.media.close();
    carrier?.close();
    await office?.close();
  });

  it('goes out anchored, with the direct number in From and P-Asserted-Identity, audio both ways', async () => {
    const { session, final } = ana.phone.dial(`sip:912345678@${DOMAIN}`);
    const invite = await carrier.invite(0);
    expect(parseSipUri(invite.uri).user).toBe('+34912345678');
    for (const header of ['From', 'P-Asserted-Identity'])
      expect(parseSipUri(parseNameAddr(invite.headers.get(header)!).uri).user).toBe('+34910000001');
    // The carrier is offered plain RTP by the agent, not the softphone's WebRTC.
    expect(invite.body.toString()).toMatch(/m=audio \d+ RTP\/AVP /);
    expect(await final).toBe(200);
    carrier.media.play(1000);
    await expectTone(carrier.media.hearing, 440);
    await expectTone(ana.media.of(session).hearing, 1000);
    await session.bye();
    await reaches(session, SessionState.Terminated);
    await expect.poll(() => carrier.byes.length).toBe(1);
    await expect.poll(() => office.sip.calls.activeCalls).toBe(0);
  });
});
