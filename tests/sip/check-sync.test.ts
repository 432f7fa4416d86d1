// check-sync over real UDP: when an admin changes something a provisioned desk phone's
// configuration says (its BLF keys, a colleague's name, the company's time zone, its SIP
// password, its extension's number), each of the phone's registered contacts gets a NOTIFY with
// `Event: check-sync` in its vendor's form, and the file it then fetches says the new thing.
// Phones the change does not touch, and phones the office does not provision, hear nothing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedDevice, Device } from '../../common/api/devices';
import { parseMessage, serializeMessage, type SipRequest } from '../../server/sip/message';
import { buildResponse, parseNameAddr } from '../../server/sip/fields';
import { startSipOffice, type SipOffice } from '../support/sip-office';
import {
  ProvisioningPhone,
  USER_AGENTS,
  parseGrandstreamConfig,
  parseYealinkConfig,
} from '../support/provisioning-phone';
import { udpPeer, type Peer } from './support';
import { DOMAIN, registerWithDigest } from './desk-phone';

type User = Awaited<ReturnType<SipOffice['office']['createSignedInUser']>>;

/** The next NOTIFY the phone gets, answered 200 as a phone does. */
async function nextNotify(peer: Peer): Promise<SipRequest> {
  const message = parseMessage(await peer.next(5000));
  if (message.kind !== 'request' || message.method !== 'NOTIFY')
    throw new Error(`expected a NOTIFY, got ${serializeMessage(message).toString().split('\r\n')[0]}`);
  peer.send(serializeMessage(buildResponse(message, 200, 'OK')));
  return message;
}

/** Nothing arrives for a while. */
async function expectSilence(peer: Peer, ms = 700): Promise<void> {
  await expect(peer.next(ms)).rejects.toThrow('no SIP message arrived');
}

describe('telling desk phones to fetch their configuration again', () => {
  let sipOffice: SipOffice;
  let admin: string;
  let ana: User;
  let bruno: User;
  let yealink: CreatedDevice;
  let grandstream: CreatedDevice;
  let handSetUp: CreatedDevice;
  const peers: Peer[] = [];

  /** A file as the phone fetches it, with its own credential. */
  const fetchFile = (device: CreatedDevice, userAgent: string, file: string) =>
    new ProvisioningPhone(
      sipOffice.office.baseUrl,
      device.provisioning!.username!,
      device.provisioningPassword!,
      userAgent,
    ).fetch(file);

  const patchDevice = (id: string, body: Record<string, unknown>) =>
    sipOffice.office.request<CreatedDevice>('PATCH', `/admin/devices/${id}`, { token: admin, body });

  /** A phone registered with the credentials in hand. */
  async function registered(extension: string, device: { sipUsername: string; sipPassword: string }) {
    const peer = await udpPeer(sipOffice.sip.ports.udp);
    peers.push(peer);
    const answer = await registerWithDigest(peer, extension, device.sipUsername, device.sipPassword, {
      callId: `check-sync-${peers.length}`,
    });
    expect(answer.status).toBe(200);
    return peer;
  }

  beforeAll(async () => {
    sipOffice = await startSipOffice();
    const { office } = sipOffice;
    admin = await office.adminToken();
    ana = await office.createSignedInUser(admin, 'Ana Sync');
    bruno = await office.createSignedInUser(admin, 'Bruno Sync');
    const add = async (body: Record<string, unknown>) =>
      (
        await office.request('POST', '/admin/devices', {
          token: admin,
          body: { kind: 'desk-phone', ...body },
        })
      ).body as CreatedDevice;
    yealink = await add({ model: 'yealink-t46s', mac: '001565cc0001', extension: ana.extension });
    grandstream = await add({
      model: 'grandstream-gxp1630',
      mac: 'c074adcc0002',
      extension: bruno.extension,
    });
    handSetUp = await add({ model: 'Configured by hand', extension: ana.extension });
  });
  afterEach(() => {
    for (const peer of peers.splice(0)) peer.close();
  });
  afterAll(() => sipOffice?.close());

  it('tells a Yealink when its BLF keys change, and what it then fetches has them', async () => {
    const phone = await registered(ana.extension, yealink);
    const manual = await registered(ana.extension, handSetUp);
    const colleague = await registered(bruno.extension, grandstream);
    // Its label is not in its configuration: renaming it tells the phone nothing.
    expect((await patchDevice(yealink.id, { label: 'Ana’s desk' })).status).toBe(200);
    await expectSilence(phone);
    expect((await patchDevice(yealink.id, { blfKeys: [bruno.extension] })).status).toBe(200);

    const notify = await nextNotify(phone);
    expect(notify.headers.get('Event')).toBe('check-sync;reboot=false');
    expect(notify.uri).toBe(`sip:${ana.extension}@127.0.0.1:${phone.localPort}`);
    expect(parseNameAddr(notify.headers.get('To')!).uri).toBe(`sip:${ana.extension}@${DOMAIN}`);
    // Ana's other phone is set up by hand, Bruno's phone is not touched: neither hears anything.
    await expectSilence(manual);
    await expectSilence(colleague);

    const fetched = await fetchFile(yealink, USER_AGENTS.yealink(yealink.mac!), '001565cc0001.cfg');
    expect(parseYealinkConfig(fetched.body).get('linekey.2.value')).toBe(bruno.extension);
  });

  it('tells a colleague’s phone (Grandstream’s plain check-sync) and the owner’s when a name changes', async () => {
    const phone = await registered(ana.extension, yealink);
    const colleague = await registered(bruno.extension, grandstream);
    const renamed = await sipOffice.office.request('PATCH', `/admin/users/${bruno.id}`, {
      token: admin,
      body: { callerIdName: 'Bruno B.' },
    });
    expect(renamed.status).toBe(200);
    // Bruno's own Grandstream shows his name; Ana's Yealink has him on a BLF key.
    expect((await nextNotify(colleague)).headers.get('Event')).toBe('check-sync');
    expect((await nextNotify(phone)).headers.get('Event')).toBe('check-sync;reboot=false');

    const fetched = await fetchFile(
      grandstream,
      USER_AGENTS.grandstream(grandstream.mac!),
      'cfgc074adcc0002.xml',
    );
    expect(parseGrandstreamConfig(fetched.body).settings.get('P3')).toBe('Bruno B.');
  });

  it('tells every provisioned phone when the company’s time zone changes', async () => {
    const phone = await registered(ana.extension, yealink);
    const colleague = await registered(bruno.extension, grandstream);
    const manual = await registered(ana.extension, handSetUp);
    // A save that leaves the time zone and language as they are touches no phone.
    const unchanged = await sipOffice.office.request('PATCH', '/admin/company', {
      token: admin,
      body: { name: 'Sync & Co', timeZone: 'UTC', language: 'en' },
    });
    expect(unchanged.status).toBe(200);
    await expectSilence(phone);
    const changed = await sipOffice.office.request('PATCH', '/admin/company', {
      token: admin,
      body: { timeZone: 'America/New_York' },
    });
    expect(changed.status).toBe(200);
    await nextNotify(phone);
    await nextNotify(colleague);
    await expectSilence(manual);
    const fetched = await fetchFile(yealink, USER_AGENTS.yealink(yealink.mac!), 'y000000000000.cfg');
    expect(Object.fromEntries(parseYealinkConfig(fetched.body))).toMatchObject({
      'local_time.time_zone': '-5',
      'local_time.start_time': '3/2/7/2',
      'local_time.end_time': '11/1/7/2',
    });
  });

  it('tells a phone whose SIP password is renewed before its registration ends, and it registers with the new one', async () => {
    const phone = await registered(ana.extension, yealink);
    const renewed = await patchDevice(yealink.id, { regenerateCredentials: true });
    expect(renewed.body.sipPassword).toBeDefined();
    expect((await nextNotify(phone)).headers.get('Event')).toBe('check-sync;reboot=false');
    const device = (
      await sipOffice.office.request<Device>('GET', `/admin/devices/${yealink.id}`, { token: admin })
    ).body;
    expect(device.registrations).toEqual([]);

    const settings = parseYealinkConfig(
      (await fetchFile(yealink, USER_AGENTS.yealink(yealink.mac!), '001565cc0001.cfg')).body,
    );
    expect(settings.get('account.1.password')).toBe(renewed.body.sipPassword);
    const again = await registerWithDigest(
      phone,
      settings.get('account.1.user_name')!,
      settings.get('account.1.auth_name')!,
      settings.get('account.1.password')!,
      { callId: 'check-sync-renewed' },
    );
    expect(again.status).toBe(200);
    yealink = { ...yealink, sipUsername: renewed.body.sipUsername, sipPassword: renewed.body.sipPassword! };
  });

  it('tells a phone whose extension is renumbered, at the contact it registered under the old number', async () => {
    const phone = await registered(ana.extension, yealink);
    const renumbered = await sipOffice.office.request('PATCH', `/admin/users/${ana.id}`, {
      token: admin,
      body: { extension: '150' },
    });
    expect(renumbered.status).toBe(200);
    const notify = await nextNotify(phone);
    expect(parseNameAddr(notify.headers.get('To')!).uri).toBe(`sip:${ana.extension}@${DOMAIN}`);
    const fetched = await fetchFile(yealink, USER_AGENTS.yealink(yealink.mac!), '001565cc0001.cfg');
    expect(parseYealinkConfig(fetched.body).get('account.1.user_name')).toBe('150');
  });
});
