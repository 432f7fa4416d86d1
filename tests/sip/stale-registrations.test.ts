// Registrations follow the directory: once a user is renumbered or suspended, or a device moved,
// deleted or shut out, its bindings are gone and a call to the old number reaches none of
// its phones. Real phones: a raw UDP desk phone and sip.js softphones over WebSocket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestOffice } from '../support/office';
import { startSipOffice } from '../support/sip-office';
import type { SipService } from '../../server/sip/service';
import { parseMessage, serializeMessage, type SipRequest } from '../../server/sip/message';
import { buildResponse } from '../../server/sip/fields';
import { udpPeer, type Peer } from './support';
import { DOMAIN, registerWithDigest } from './desk-phone';
import { TestPhone } from './softphone';

interface DeskDevice {
  id: string;
  sipUsername: string;
  sipPassword: string;
}

describe('registrations after a directory change', () => {
  let office: TestOffice;
  let sip: SipService;
  let admin: string;
  let caller: TestPhone;
  const cleanups: (() => unknown)[] = [];

  beforeAll(async () => {
    ({ office, sip } = await startSipOffice());
    admin = await office.adminToken();
    const callerUser = await office.createSignedInUser(admin, 'Stale Caller');
    caller = await TestPhone.ofUser(office, callerUser.token, 'caller');
  });
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
    await caller?.stop();
    await sip?.close();
    await office?.close();
  });

  const api = (method: string, url: string, body?: unknown) =>
    office.request(method, url, { token: admin, body });

  /** A user with a desk phone registered over UDP from its own port. */
  async function userWithDeskPhone(name: string) {
    const user = await office.createSignedInUser(admin, name);
    const created = await api('POST', '/admin/devices', {
      kind: 'desk-phone',
      model: 'Raw UDP',
      extension: user.extension,
    });
    const desk = created.body as DeskDevice;
    const phone = await udpPeer(sip.ports.udp);
    cleanups.push(() => phone.close());
    expect((await registerWithDigest(phone, user.extension, desk.sipUsername, desk.sipPassword)).status).toBe(
      200,
    );
    expect(sip.registrar.contactsOf(user.extension).map((b) => b.sipUsername)).toEqual([desk.sipUsername]);
    return { user, desk, phone };
  }

  /** The caller dials a number nobody is registered for: answered 480 at once, nothing rang. */
  async function expectNobodyRings(number: string, phones: Peer[]) {
    const { final } = caller.dial(`sip:${number}@${DOMAIN}`);
    expect(await final).toBe(480);
    for (const phone of phones) await expect(phone.next(0)).rejects.toThrow('no SIP message arrived');
  }

  it('renumbering a user drops every binding of the old number; the phones register under the new one', async () => {
    const { user, desk, phone } = await userWithDeskPhone('Moving Mary');
    const softphone = await TestPhone.ofUser(office, user.token, 'mary-soft');
    cleanups.push(() => softphone.stop());
    expect(sip.registrar.contactsOf(user.extension)).toHaveLength(2);

    const oldNumber = user.extension;
    const moved = await api('PATCH', `/admin/users/${user.id}`, { extension: '177' });
    expect(moved.status).toBe(200);
    expect(sip.registrar.contactsOf(oldNumber)).toEqual([]);

    // Someone new takes the old number: calls to it must not reach Mary's phones.
    const newcomer = await api('POST', '/admin/users', {
      name: 'New Ned',
      email: 'new.ned@example.com',
      extension: oldNumber,
    });
    expect(newcomer.status).toBe(201);
    await expectNobodyRings(oldNumber, [phone]);
    await expect(softphone.nextInvitation(0)).rejects.toThrow('no call rang');

    // The desk phone may not come back under the old number, but does under the new one.
    expect((await registerWithDigest(phone, oldNumber, desk.sipUsername, desk.sipPassword)).status).toBe(403);
    expect((await registerWithDigest(phone, '177', desk.sipUsername, desk.sipPassword)).status).toBe(200);
    // The app's softphone reads its new address from /me/softphone and registers with it.
    const again = await TestPhone.ofUser(office, user.token, 'mary-soft-again');
    cleanups.push(() => again.stop());
    expect(new Set(sip.registrar.contactsOf('177').map((b) => b.sipUsername)).size).toBe(2);

    const { final } = caller.dial(`sip:177@${DOMAIN}`);
    const invite = parseMessage(await phone.next()) as SipRequest;
    expect(invite.method).toBe('INVITE');
    expect(invite.uri).toBe(`sip:177@127.0.0.1:${phone.localPort}`);
    const ringing = await again.nextInvitation();
    await ringing.reject({ statusCode: 486 });
    phone.send(serializeMessage(buildResponse(invite, 486, 'Busy Here', { toTag: 'desk' })));
    expect(await final).toBeGreaterThanOrEqual(400);
  });

  it('suspending a user drops their phones', async () => {
    const { user, phone } = await userWithDeskPhone('Suspended Sue');
    expect((await api('PATCH', `/admin/users/${user.id}`, { status: 'suspended' })).status).toBe(200);
    expect(sip.registrar.contactsOf(user.extension)).toEqual([]);
    await expectNobodyRings(user.extension, [phone]);
  });

  it.each([
    ['moved to another extension', 'move'],
    ['released to the pool', 'release'],
    ['deleted', 'delete'],
  ] as const)('a device %s no longer rings for its old extension', async (_name, change) => {
    const { user, desk, phone } = await userWithDeskPhone(`Device Owner ${change}`);
    const other = await office.createSignedInUser(admin, `Device Taker ${change}`);
    const done =
      change === 'delete'
        ? await api('DELETE', `/admin/devices/${desk.id}`)
        : await api('PATCH', `/admin/devices/${desk.id}`, {
            extension: change === 'move' ? other.extension : null,
          });
    expect(done.status).toBeLessThan(300);
    expect(sip.registrar.contactsOf(user.extension)).toEqual([]);
    await expectNobodyRings(user.extension, [phone]);
    // Its old credentials open nothing, not even under the extension it moved to.
    const target = change === 'move' ? other.extension : user.extension;
    expect((await registerWithDigest(phone, target, desk.sipUsername, desk.sipPassword)).status).not.toBe(
      200,
    );
  });

  it('turning portal access off stops the softphone but keeps the desk phone', async () => {
    const { user, desk, phone } = await userWithDeskPhone('Portal Paul');
    const softphone = await TestPhone.ofUser(office, user.token, 'paul-soft');
    cleanups.push(() => softphone.stop());
    expect((await api('PATCH', `/admin/users/${user.id}`, { portalAccess: false })).status).toBe(200);
    expect(sip.registrar.contactsOf(user.extension).map((b) => b.sipUsername)).toEqual([desk.sipUsername]);

    const { final } = caller.dial(`sip:${user.extension}@${DOMAIN}`);
    const invite = parseMessage(await phone.next()) as SipRequest;
    expect(invite.method).toBe('INVITE');
    phone.send(serializeMessage(buildResponse(invite, 486, 'Busy Here', { toTag: 'desk' })));
    expect(await final).toBeGreaterThanOrEqual(400);
    await expect(softphone.nextInvitation(0)).rejects.toThrow('no call rang');
  });
});
