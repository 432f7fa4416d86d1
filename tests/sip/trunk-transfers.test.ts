// A trunk call that a desk phone transfers (REFER: blind, and attended with Replaces) keeps what it
// holds, the trunk's channel and the toll caps' places, until the outside party really hangs up:
// with a trunk of one channel a second outside call is refused while the transferred one lasts,
// and taken once it ends; an outside call placed by Ana and put through to Ben still counts
// against Ana's and the office's caps, and both are free again after the hang-up.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { QUICK_TRUNKS, TrunkAdmin } from '../support/carrier/trunks';
import { OutsideCaller } from '../support/carrier/outside-caller';
import { CarrierSbc } from '../support/carrier/carrier-sbc';
import { useSipOffice } from '../support/sip-office';
import { DeskPhone, type DeskDialog } from './udp-desk-phone';

const CALLER_ADDRESS = '127.0.0.3';
const ANA_NUMBER = '+34910000001';

describe('transfers of trunk calls', { timeout: 60_000 }, () => {
  const sip = useSipOffice({}, QUICK_TRUNKS);
  const trunks = new TrunkAdmin(() => sip.office);
  let outside: OutsideCaller;
  let carrier: CarrierSbc;
  let ana: DeskPhone;
  let ben: DeskPhone;
  let cleo: DeskPhone;
  let admin: string;
  let trunkId: string;

  const api = async (method: 'POST' | 'PATCH', path: string, body: Record<string, unknown>) => {
    const answer = await sip.office.request(method, path, { token: admin, body });
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
  };
  const deskOf = async (name: string) => {
    const user = await sip.office.createSignedInUser(admin, name);
    return DeskPhone.start(
      sip.sip.ports.udp,
      user.extension,
      await sip.office.addDeskPhone(admin, user.extension),
    );
  };
  const channels = () => sip.sip.trunks.forOutbound({ ignoreLimits: true })[0]!.channels;

  beforeAll(async () => {
    admin = await sip.office.adminToken();
    await api('PATCH', '/admin/company', { country: 'ES' });
    ana = await deskOf('Ana Transfers');
    ben = await deskOf('Ben Transfers');
    cleo = await deskOf('Cleo Transfers');
    await api('POST', '/admin/phone-numbers', {
      number: ANA_NUMBER,
      routeType: 'extension',
      routeTarget: ana.extension,
    });
    outside = await OutsideCaller.start(sip.sip.ports.udp, CALLER_ADDRESS);
    carrier = await CarrierSbc.start('127.0.0.6');
    const trunk = await trunks.create({
      kind: 'ip',
      name: 'One channel',
      host: carrier.address,
      port: carrier.port,
      addresses: [CALLER_ADDRESS, carrier.address],
      maxChannels: 1,
    });
    trunkId = trunk.id;
    await vi.waitFor(() => expect(sip.sip.trunks.forOutbound()).toHaveLength(1), { timeout: 10_000 });
  });
  afterAll(() => {
    for (const closable of [outside, carrier, ana, ben, cleo]) closable?.close();
  });

  /** An outside caller reaches Ana's direct number and she answers. */
  const callAna = async () => {
    const call = outside.call({ uriUser: '910000001', from: '+33123456789' });
    const dialog = ana.answer(await ana.nextInvite());
    const answer = await call.final;
    expect(answer.status).toBe(200);
    return { call, answer, dialog };
  };

  /** While the transferred call lasts, the trunk's only channel is taken: another caller is refused. */
  const expectChannelHeld = async () => {
    expect(channels()).toBe(1);
    const refused = outside.call({ uriUser: '910000001', from: '+33123456780' });
    expect((await refused.final).status).toBe(503);
  };

  /** Once it ends, the channel is free: the next outside call rings Ana again. */
  const expectChannelFree = async () => {
    await expect.poll(() => sip.sip.calls.activeCalls).toBe(0);
    expect(channels()).toBe(0);
    const next = outside.call({ uriUser: '910000001', from: '+33123456781' });
    ana.refuse(await ana.nextInvite(), 486, 'Busy Here');
    expect((await next.final).status).toBe(486);
  };

  /** Ben answers the call the transfer rings him with. */
  const benAnswers = async (): Promise<DeskDialog> => ben.answer(await ben.nextInvite());

  it('blind: the outside caller put through to Ben keeps the trunk’s channel until they hang up', async () => {
    const { call, answer, dialog } = await callAna();
    expect(await ana.refer(dialog, ben.extension)).toBe(202);
    const withBen = await benAnswers();
    await ana.hungUp(dialog);
    await expectChannelHeld();
    outside.hangUp(call, answer);
    await ben.hungUp(withBen);
    await expectChannelFree();
  });

  it('attended: the outside caller joined with Ben keeps the trunk’s channel until they hang up', async () => {
    const { call, answer, dialog } = await callAna();
    const consulting = ana.dial(ben.extension);
    const withBen = await benAnswers();
    const { dialog: consultation } = await consulting;
    expect(await ana.refer(dialog, ben.extension, consultation!)).toBe(202);
    await ana.hungUp(dialog);
    await ana.hungUp(consultation!);
    await expectChannelHeld();
    outside.hangUp(call, answer);
    await ben.hungUp(withBen);
    await expectChannelFree();
  });

  it('an outside call Ana put through to Ben counts against her and the office’s caps until it ends', async () => {
    await trunks.change(trunkId, { maxChannels: 30 });
    await api('PATCH', '/admin/company', { outsideCalls: { perUser: 1, total: 1 } });
    try {
      const placed = ana.dial('912345678');
      await carrier.invite(carrier.invites.length, 5000);
      const { response, dialog } = await placed;
      expect(response.status).toBe(200);
      expect(await ana.refer(dialog!, ben.extension)).toBe(202);
      const withBen = await benAnswers();
      await ana.hungUp(dialog!);
      // Ana's place and the office's one are still taken by the call Ben now has.
      expect((await ana.dial('912345679')).response.status).toBe(403);
      expect((await cleo.dial('912345679')).response.status).toBe(403);
      expect(await ben.bye(withBen)).toBe(200);
      await expect.poll(() => carrier.byes.length).toBeGreaterThan(0);
      await expect.poll(() => sip.sip.calls.activeCalls).toBe(0);
      // Both counters are back to nothing: Ana may call out again, and so may Cleo after her.
      for (const phone of [ana, cleo]) {
        const again = await phone.dial('912345679');
        expect(again.response.status).toBe(200);
        expect(await phone.bye(again.dialog!)).toBe(200);
        await expect.poll(() => sip.sip.calls.activeCalls).toBe(0);
      }
    } finally {
      await api('PATCH', '/admin/company', { outsideCalls: { perUser: 5, total: 50 } });
      await trunks.change(trunkId, { maxChannels: 1 });
    }
  });
});
