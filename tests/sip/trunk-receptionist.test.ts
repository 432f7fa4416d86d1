// An outside caller reaches the receptionist through the company's main number: the carrier's
// border controller (a UDP socket on 127.0.0.3, an IP trunk's listed address) sends the INVITE,
// the media agent answers with the menu, an RFC 4733 key rings a softphone (sip.js with werift
// WebRTC media) and, once it answers, each side hears the other's tone.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Invitation } from 'sip.js';
import { TrunkAdmin } from '../support/carrier/trunks';
import { OutsideCaller } from '../support/carrier/outside-caller';
import type { SipOffice } from '../support/sip-office';
import { expectTone, softphoneOf, startMixedOffice, type Softphone } from './mixed-office';

const CARRIER_ADDRESS = '127.0.0.3';
const MAIN_NUMBER = '+34910000100';
const ALL_DAY = [{ from: '00:00', to: '24:00' }];

describe('an outside caller at the receptionist', { timeout: 60_000 }, () => {
  let office: SipOffice & { admin: string };
  let ana: Softphone;
  let outside: OutsideCaller;

  const api = async (method: 'POST' | 'PATCH', url: string, body: unknown) => {
    const answer = await office.office.request(method, url, { token: office.admin, body });
    expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
    return answer.body;
  };

  beforeAll(async () => {
    office = await startMixedOffice(4);
    await api('PATCH', '/admin/company', { country: 'ES' });
    ana = await softphoneOf(office, 'Ana Softphone', 440);
    const receptionist = await api('POST', '/admin/receptionists', {
      name: 'Front desk',
      hours: Object.fromEntries(
        ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, ALL_DAY]),
      ),
      holidays: [],
      menus: [
        {
          id: 'main',
          greeting: { kind: 'text', text: 'Welcome. For Ana, press 1.' },
          options: [{ key: '1', action: { type: 'extension', number: ana.extension } }],
          timeoutSeconds: 20,
          fallback: { type: 'hang-up' },
        },
      ],
      openMenu: 'main',
      closedMenu: 'main',
      holidayMenu: 'main',
    });
    await api('POST', '/admin/phone-numbers', {
      number: MAIN_NUMBER,
      routeType: 'receptionist',
      routeTarget: receptionist.extension,
    });
    outside = await OutsideCaller.start(office.sip.ports.udp, CARRIER_ADDRESS);
    await new TrunkAdmin(() => office.office).create({
      kind: 'ip',
      name: 'Carrier SBC',
      host: CARRIER_ADDRESS,
      port: outside.port,
      addresses: [CARRIER_ADDRESS],
    });
    await vi.waitFor(() => expect(office.sip.trunks.forOutbound()).toHaveLength(1), { timeout: 10_000 });
  });
  afterAll(async () => {
    outside?.close();
    await ana?.phone.stop();
    await ana?.media.close();
    await office?.close();
  });

  it('answers the main number with the menu; key 1 rings the softphone, and both hear each other', async () => {
    // The carrier writes the number nationally, as Spanish carriers often do.
    const call = outside.call({ uriUser: '910000100', from: '+33123456789' });
    const answer = await call.final;
    expect(answer.status).toBe(200);
    outside.media.sendTo(answer.body.toString());
    outside.media.play(600);
    // The greeting reaches the caller before any key.
    await expect.poll(() => outside.media.hearing.samples.length, { timeout: 10_000 }).toBeGreaterThan(4000);
    outside.media.pressKey('1');
    const invitation: Invitation = await ana.phone.nextInvitation(8000);
    expect(invitation.request.from.uri.user).toBe('+33123456789');
    await invitation.accept();
    await expectTone(ana.media.of(invitation).hearing, 600);
    await expectTone(outside.media.hearing, 440);
    outside.hangUp(call, answer);
    await expect.poll(() => office.sip.calls.activeCalls, { timeout: 10_000 }).toBe(0);
  });
});
