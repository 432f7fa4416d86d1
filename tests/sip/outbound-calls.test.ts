// Calls out through IP trunks whose carriers are UDP sockets on 127.0.0.3 and 127.0.0.4: a desk
// phone dials as at home and the carrier gets the number as it wants it, with the caller's direct
// number in From and P-Asserted-Identity; international numbers need the permission (given here
// by a settings template); an emergency number goes out while its caller is at their limit, with
// the main number; a forwarded call carries Diversion; a carrier that refuses with 503 passes the
// call to the next trunk; a cap reached mails the admins once.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { QUICK_TRUNKS, TrunkAdmin } from '../support/carrier/trunks';
import { CarrierSbc } from '../support/carrier/carrier-sbc';
import { useSipOffice } from '../support/sip-office';
import { parseNameAddr, parseSipUri } from '../../server/sip/fields';
import type { SipRequest } from '../../server/sip/message';
import { DeskPhone } from './udp-desk-phone';
import { expectTone } from './mixed-office';

const MAIN = '+34910000000';
const ANA_NUMBER = '+34910000001';
const BEN_NUMBER = '+34910000002';

const userOf = (value: string | undefined) => parseSipUri(parseNameAddr(value!).uri).user;

describe('calls out through trunks', { timeout: 60_000 }, () => {
  const sip = useSipOffice({}, QUICK_TRUNKS);
  const trunks = new TrunkAdmin(() => sip.office);
  let first: CarrierSbc;
  let second: CarrierSbc;
  let ana: DeskPhone;
  let ivan: DeskPhone;
  let ben: { extension: string; token: string };
  let anaToken: string;
  let admin: string;

  const api = async (
    method: 'POST' | 'PATCH',
    path: string,
    body: Record<string, unknown>,
    token = admin,
  ) => {
    const answer = await sip.office.request(method, path, { token, body });
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
    return answer.body as Record<string, unknown>;
  };
  const deskOf = async (name: string, extra: Record<string, unknown> = {}) => {
    const user = await sip.office.createSignedInUser(admin, name, extra);
    const device = await sip.office.addDeskPhone(admin, user.extension);
    return { user, phone: await DeskPhone.start(sip.sip.ports.udp, user.extension, device) };
  };
  const number = (value: string, extension: string) =>
    api('POST', '/admin/phone-numbers', { number: value, routeType: 'extension', routeTarget: extension });
  /** The company's limits on outside calls, as a super admin sets them. */
  const caps = (outsideCalls: Record<string, number | boolean>) =>
    api('PATCH', '/admin/company', { outsideCalls });

  beforeAll(async () => {
    admin = await sip.office.adminToken();
    const template = await api('POST', '/admin/settings-templates', {
      name: 'Calls the world',
      preferences: { outboundCalls: 'international' },
    });
    const anaDesk = await deskOf('Ana Outbound');
    const ivanDesk = await deskOf('Ivan International', { settingsTemplateId: template.id });
    ana = anaDesk.phone;
    anaToken = anaDesk.user.token;
    ivan = ivanDesk.phone;
    ben = await sip.office.createSignedInUser(admin, 'Ben Forwarding');
    await number(MAIN, anaDesk.user.extension);
    await number(ANA_NUMBER, anaDesk.user.extension);
    await number(BEN_NUMBER, ben.extension);
    await api('PATCH', '/admin/company', { country: 'ES', mainNumber: MAIN });
    first = await CarrierSbc.start('127.0.0.3');
    second = await CarrierSbc.start('127.0.0.4');
    await trunks.create({
      kind: 'ip',
      name: 'First carrier',
      host: first.address,
      port: first.port,
      addresses: [first.address],
      numberFormat: 'national',
      callerIdHeader: 'p-asserted-identity',
      redirectionHeaders: ['diversion'],
      order: 1,
    });
    await trunks.create({
      kind: 'ip',
      name: 'Second carrier',
      host: second.address,
      port: second.port,
      addresses: [second.address],
      order: 2,
    });
    await vi.waitFor(() => expect(sip.sip.trunks.forOutbound()).toHaveLength(2), { timeout: 10_000 });
  });
  afterAll(() => {
    for (const closable of [first, second, ana, ivan]) closable?.close();
  });

  it('calls a national number: written nationally, the direct number in From and P-Asserted-Identity, audio both ways', async () => {
    const dialled = ana.dial('912 34 56 78'.replace(/ /g, ''));
    const invite = await first.invite(0);
    expect(parseSipUri(invite.uri).user).toBe('912345678');
    expect(userOf(invite.headers.get('From'))).toBe('910000001');
    expect(userOf(invite.headers.get('P-Asserted-Identity'))).toBe('910000001');
    const { response, dialog } = await dialled;
    expect(response.status).toBe(200);
    first.media.play(700);
    ana.media.play(1100);
    await expectTone(first.media.hearing, 1100);
    await expectTone(ana.media.hearing, 700);
    expect(await ana.bye(dialog!)).toBe(200);
    await expect.poll(() => first.byes.length).toBe(1);
    expect(sip.sip.trunks.forOutbound()[0]!.channels).toBe(0);
  });

  it('refuses an international number to a person without the permission, and lets one with it call', async () => {
    const before = first.invites.length;
    const refused = await ana.dial('+33123456789');
    expect(refused.response.status).toBe(403);
    expect(refused.response.reason).toContain('international calls not allowed');
    expect(first.invites.length).toBe(before);
    const allowed = await ivan.dial('0033123456789');
    expect(allowed.response.status).toBe(200);
    // The carrier wants national numbers: an international one with Spain's prefix.
    expect(parseSipUri(first.invites[before]!.uri).user).toBe('0033123456789');
    // Ivan has no direct number: the company's main number is his caller ID.
    expect(userOf(first.invites[before]!.headers.get('From'))).toBe('910000000');
    await ivan.bye(allowed.dialog!);
  });

  it('counts international minutes by the day and refuses international calls once they are used up', async () => {
    const seconds = async () =>
      (await sip.office.office.db.selectFrom('international_seconds_daily').select('seconds').execute())[0]
        ?.seconds ?? 0;
    const before = await seconds();
    const call = await ivan.dial('+33123456789');
    expect(call.response.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    await ivan.bye(call.dialog!);
    await expect.poll(seconds).toBeGreaterThanOrEqual(before + 1);
    await caps({ internationalMinutesPerDay: 0 });
    try {
      const refused = await ivan.dial('+33123456789');
      expect(refused.response).toMatchObject({
        status: 403,
        reason: 'Forbidden (the international minutes of the day are used up)',
      });
      // National calls are not international minutes.
      const national = await ivan.dial('912345678');
      expect(national.response.status).toBe(200);
      await ivan.bye(national.dialog!);
    } finally {
      await caps({ internationalMinutesPerDay: 600 });
    }
  });

  it('sends an emergency call out while its caller is at their limit, with the main number', async () => {
    await caps({ perUser: 1 });
    const held = await ana.dial('912345678');
    expect(held.response.status, held.response.reason).toBe(200);
    const second = await ana.dial('912345679');
    expect(second.response.status).toBe(403);
    expect(second.response.reason).toContain('outside call limit');
    const count = first.invites.length;
    const emergency = await ana.dial('112');
    expect(emergency.response.status).toBe(200);
    const invite: SipRequest = first.invites[count]!;
    expect(parseSipUri(invite.uri).user).toBe('112');
    expect(userOf(invite.headers.get('P-Asserted-Identity'))).toBe('910000000');
    await ana.bye(emergency.dialog!);
    await ana.bye(held.dialog!);
    await caps({ perUser: 4 });
  });

  it('mails the admins once a day per cap, however many calls hit it', async () => {
    const alerts = async () =>
      (
        await sip.office.office.db
          .selectFrom('mail_outbox')
          .select('body')
          .where('kind', '=', 'toll-alert')
          .orderBy('created_at')
          .execute()
      ).map((mail) => /limit on outside calls: (.*)\./.exec(mail.body)?.[1]);
    // The office has one admin, its super admin; the tests before reached the international
    // minutes and the cap per person: one mail each.
    const earlier = ['international minutes per day (0)', 'outside calls at once per person (1)'];
    await expect.poll(alerts).toEqual(earlier);
    await caps({ total: 0 });
    for (const digits of ['912345601', '912345602', '912345603'])
      expect((await ana.dial(digits)).response.status).toBe(403);
    await caps({ total: 30 });
    await expect.poll(alerts).toEqual([...earlier, 'outside calls at once for the office (0)']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await alerts()).toHaveLength(3);
  });

  it('lets exactly the cap through when hundreds of calls out start at once', async () => {
    await caps({ perUser: 3 });
    const before = first.invites.length;
    try {
      const calls = await Promise.all(
        Array.from({ length: 200 }, (_, i) => ana.dial(`9123${String(i).padStart(5, '0')}`)),
      );
      const statuses = calls.map((call) => call.response.status);
      expect(statuses.filter((status) => status === 200)).toHaveLength(3);
      expect(statuses.filter((status) => status === 403)).toHaveLength(197);
      expect(first.invites.length - before).toBe(3);
      for (const call of calls) if (call.dialog) await ana.bye(call.dialog);
      await expect.poll(() => sip.sip.calls.activeCalls).toBe(0);
      expect(sip.sip.trunks.forOutbound()[0]!.channels).toBe(0);
      // Their places are free again.
      const again = await ana.dial('912345678');
      expect(again.response.status).toBe(200);
      await ana.bye(again.dialog!);
    } finally {
      await caps({ perUser: 4 });
    }
  });

  it('forwards a call to an outside number with Diversion naming the forwarding person', async () => {
    const set = await sip.office.request('PATCH', '/me/preferences', {
      token: ben.token,
      body: { forwardAlways: { enabled: true, target: '912000111' } },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const count = first.invites.length;
    const call = await ana.dial(ben.extension);
    expect(call.response.status).toBe(200);
    const invite = first.invites[count]!;
    expect(parseSipUri(invite.uri).user).toBe('912000111');
    expect(invite.headers.get('Diversion')).toMatch(/^<sip:910000002@[^>]+>;reason=unconditional/);
    await ana.bye(call.dialog!);
  });

  it('refuses a forwarding target outside the person’s permission', async () => {
    const answer = await sip.office.request('PATCH', '/me/preferences', {
      token: ben.token,
      body: { forwardBusy: { enabled: true, target: '+33123456789' } },
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      error: { code: 'outbound_not_allowed', field: 'body.forwardBusy.target' },
    });
  });

  it('refuses premium-rate numbers unless the company allows them; only a super admin changes that', async () => {
    expect((await ana.dial('803123456')).response).toMatchObject({
      status: 403,
      reason: 'Forbidden (premium-rate numbers not allowed)',
    });
    const deputy = await sip.office.createSignedInUser(admin, 'Dana Deputy', { role: 'admin' });
    const elevated = await sip.office.login(deputy.email, deputy.password, 'admin');
    const refused = await sip.office.request('PATCH', '/admin/company', {
      token: elevated.body.accessToken,
      body: { outsideCalls: { premiumNumbersAllowed: true } },
    });
    expect(refused.status).toBe(403);
    await caps({ premiumNumbersAllowed: true });
    const allowed = await ana.dial('803123456');
    expect(allowed.response.status).toBe(200);
    await ana.bye(allowed.dialog!);
    await caps({ premiumNumbersAllowed: false });
  });

  it('hides a caller’s number who asks: anonymous in From, the number asserted with Privacy: id where the carrier honours it', async () => {
    const trunk = sip.sip.trunks.forOutbound()[0]!;
    await trunks.change(trunk.config.id, { privacy: true });
    const hide = (hideCallerId: boolean) =>
      sip.office.request('PATCH', '/me/preferences', { token: anaToken, body: { hideCallerId } });
    expect((await hide(true)).status).toBe(200);
    try {
      const count = first.invites.length;
      const call = await ana.dial('912345678');
      expect(call.response.status).toBe(200);
      const invite = first.invites[count]!;
      expect(userOf(invite.headers.get('From'))).toBe('anonymous');
      expect(userOf(invite.headers.get('P-Asserted-Identity'))).toBe('910000001');
      expect(invite.headers.get('Privacy')).toBe('id');
      await ana.bye(call.dialog!);
    } finally {
      await hide(false);
      await trunks.change(trunk.config.id, { privacy: false });
    }
  });

  it('fails over to the next trunk when a carrier refuses with 503', async () => {
    first.answer = { status: 503, reason: 'Service Unavailable' };
    const before = second.invites.length;
    try {
      const call = await ana.dial('912345678');
      expect(call.response.status).toBe(200);
      expect(second.invites.length).toBe(before + 1);
      // The second carrier wants E.164 and caller ID in From.
      expect(parseSipUri(second.invites[before]!.uri).user).toBe('+34912345678');
      expect(userOf(second.invites[before]!.headers.get('From'))).toBe(ANA_NUMBER);
      await ana.bye(call.dialog!);
    } finally {
      first.answer = { status: 200, reason: 'OK' };
    }
  });
});
