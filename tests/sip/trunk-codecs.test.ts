// A trunk's codec list holds in the offer its carrier gets: codecs it does not allow are taken out;
// a trunk that allows none of those offered is passed over (as if it answered 488) for the next
// one, and when no trunk takes them the caller hears 488.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CarrierSbc } from '../support/carrier/carrier-sbc';
import { QUICK_TRUNKS, TrunkAdmin } from '../support/carrier/trunks';
import { useSipOffice } from '../support/sip-office';
import { DeskPhone } from './udp-desk-phone';

/** The payload types of an SDP's audio line. */
const audioTypes = (sdp: string) => /^m=audio \d+ RTP\/AVP ([\d ]+)$/m.exec(sdp)?.[1]!.split(' ');

describe('a trunk’s codecs in calls out', { timeout: 60_000 }, () => {
  const sip = useSipOffice({}, QUICK_TRUNKS);
  const trunks = new TrunkAdmin(() => sip.office);
  let wideband: CarrierSbc;
  let narrowband: CarrierSbc;
  let narrowbandId: string;
  let ana: DeskPhone;

  beforeAll(async () => {
    const admin = await sip.office.adminToken();
    const user = await sip.office.createSignedInUser(admin, 'Ana Codecs');
    ana = await DeskPhone.start(
      sip.sip.ports.udp,
      user.extension,
      await sip.office.addDeskPhone(admin, user.extension),
    );
    const company = await sip.office.request('PATCH', '/admin/company', {
      token: admin,
      body: { country: 'ES' },
    });
    expect(company.status).toBe(200);
    wideband = await CarrierSbc.start('127.0.0.5');
    narrowband = await CarrierSbc.start('127.0.0.6');
    const ip = (sbc: CarrierSbc) => ({
      kind: 'ip',
      host: sbc.address,
      port: sbc.port,
      addresses: [sbc.address],
    });
    await trunks.create({
      ...ip(wideband),
      name: 'Wideband only',
      codecs: ['G722'],
      dtmfMode: 'info',
      order: 1,
    });
    narrowbandId = (
      await trunks.create({ ...ip(narrowband), name: 'PCMU', codecs: ['PCMU'], dtmfMode: 'info', order: 2 })
    ).id;
    await vi.waitFor(() => expect(sip.sip.trunks.forOutbound()).toHaveLength(2), { timeout: 10_000 });
  });
  afterAll(() => {
    for (const closable of [wideband, narrowband, ana]) closable?.close();
  });

  it('offers the carrier only the trunk’s codecs, passing over a trunk that takes none offered', async () => {
    const { response, dialog } = await ana.dial('912345678', ana.description(['PCMU', 'PCMA']));
    expect(response.status).toBe(200);
    expect(wideband.invites).toHaveLength(0);
    const invite = await narrowband.invite(0);
    // PCMA and the keypad events are gone: the trunk carries PCMU alone.
    expect(audioTypes(invite.body.toString())).toEqual(['0']);
    expect(invite.body.toString()).not.toContain('telephone-event');
    expect(await ana.bye(dialog!)).toBe(200);
    await expect.poll(() => narrowband.byes.length).toBe(1);
  });

  it('refuses 488 when no trunk takes a codec offered, and sends no INVITE', async () => {
    await trunks.change(narrowbandId, { codecs: ['PCMA'] });
    await vi.waitFor(() => expect(sip.sip.trunks.forOutbound()).toHaveLength(2), { timeout: 10_000 });
    const before = narrowband.invites.length;
    const { response } = await ana.dial('912345678', ana.description(['PCMU']));
    expect(response.status).toBe(488);
    expect(narrowband.invites).toHaveLength(before);
    expect(wideband.invites).toHaveLength(0);
    expect(sip.sip.trunks.forOutbound().map((trunk) => trunk.channels)).toEqual([0, 0]);
  });
});
