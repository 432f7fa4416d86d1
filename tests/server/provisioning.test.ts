// Desk-phone provisioning over real HTTP against a real office: each vendor's phone fetches its
// files the way it does (its request paths, its User-Agent, HTTP Digest with its own
// credential), and what comes back is parsed (Yealink `key = value`, Poly and Grandstream XML)
// and checked: account, server, transport, codecs, time zone, language and BLF keys. The
// account a file gives really registers. Strangers, wrong and foreign credentials, another
// phone's file and guessing floods are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedDevice, Device } from '../../common/api/devices';
import { startSipOffice, type SipOffice } from '../support/sip-office';
import { udpPeer } from '../sip/support';
import { registerWithDigest } from '../sip/desk-phone';
import {
  ProvisioningPhone,
  USER_AGENTS,
  challengeParams,
  parseGrandstreamConfig,
  parseXml,
  parseYealinkConfig,
} from '../support/provisioning-phone';
import { ADDRESS_MAX_FAILURES, USERNAME_MAX_FAILURES } from '../../server/provision/gate';

type User = Awaited<ReturnType<SipOffice['office']['createSignedInUser']>>;

describe('desk phones fetching their configuration', () => {
  let sipOffice: SipOffice;
  let admin: string;
  let ana: User;
  let bruno: User;
  let carla: User;
  let dan: User;
  let yealink: CreatedDevice;
  let poly: CreatedDevice;
  let grandstream: CreatedDevice;

  const addDevice = async (body: Record<string, unknown>) => {
    const created = await sipOffice.office.request('POST', '/admin/devices', { token: admin, body });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body as CreatedDevice;
  };
  const phoneOf = (device: CreatedDevice, userAgent: string, password = device.provisioningPassword!) =>
    new ProvisioningPhone(sipOffice.office.baseUrl, device.provisioning!.username!, password, userAgent);
  const deviceNow = async (id: string) =>
    (await sipOffice.office.request<Device>('GET', `/admin/devices/${id}`, { token: admin })).body;

  beforeAll(async () => {
    sipOffice = await startSipOffice();
    const { office } = sipOffice;
    admin = await office.adminToken();
    ana = await office.createSignedInUser(admin, 'Ana Desk');
    bruno = await office.createSignedInUser(admin, 'Bruno Keys', { callerIdName: 'Bruno' });
    carla = await office.createSignedInUser(admin, 'Carla Poly');
    dan = await office.createSignedInUser(admin, 'Dan Stream');
    // (After the users: their welcome mails, which the test reads, would be in Spanish.)
    const company = await office.request('PATCH', '/admin/company', {
      token: admin,
      body: { language: 'es', timeZone: 'europe/madrid' },
    });
    expect(company.body.timeZone).toBe('Europe/Madrid');
    // Carla chose French for herself: her phone speaks it, the others the company's Spanish.
    await office.request('PATCH', '/me/preferences', { token: carla.token, body: { language: 'fr' } });
    yealink = await addDevice({
      kind: 'desk-phone',
      model: 'yealink-t54w',
      mac: '00-15-65-aa-bb-01',
      extension: ana.extension,
      blfKeys: [bruno.extension],
    });
    poly = await addDevice({
      kind: 'desk-phone',
      model: 'poly-vvx-450',
      mac: '0004F2AABB02',
      extension: carla.extension,
      blfKeys: [ana.extension, bruno.extension],
    });
    grandstream = await addDevice({
      kind: 'desk-phone',
      model: 'grandstream-gxp1628',
      mac: 'c0:74:ad:aa:bb:03',
      extension: dan.extension,
      sipTransport: 'tcp',
      blfKeys: [ana.extension],
    });
  });
  afterAll(() => sipOffice?.close());

  it('gives each desk phone its own provisioning credential, shown once, and where to fetch from', async () => {
    expect(yealink.mac).toBe('00:15:65:AA:BB:01');
    expect(yealink.provisioning).toMatchObject({
      vendor: 'yealink',
      url: 'http://portal.example.com/provision/',
      username: expect.stringMatching(/^p[0-9a-f]{12}$/),
      lastFetch: null,
    });
    expect(yealink.provisioningPassword).toMatch(/^\S{24}$/);
    expect(new Set([yealink, poly, grandstream].map((d) => d.provisioning!.username)).size).toBe(3);
    const again = await sipOffice.office.request('GET', `/admin/devices/${yealink.id}`, { token: admin });
    expect(JSON.stringify(again.body)).not.toContain(yealink.provisioningPassword);
    // The office keeps no password: a sealed digest hash, which holds neither it nor its hash in clear.
    const row = await sipOffice.office.office.db
      .selectFrom('devices')
      .select('provisioning_secret_sealed')
      .where('id', '=', yealink.id)
      .executeTakeFirstOrThrow();
    expect(row.provisioning_secret_sealed).toMatch(/^sb1:/);
    expect(row.provisioning_secret_sealed).not.toContain(yealink.provisioningPassword);
  });

  it('serves a Yealink its common and MAC files, and the account in them registers', async () => {
    const phone = phoneOf(yealink, USER_AGENTS.yealink(yealink.mac!));
    const commonFile = await phone.fetch('y000000000096.cfg');
    expect(commonFile.status).toBe(200);
    expect(commonFile.headers.get('content-type')).toMatch(/^text\/plain/);
    const common = parseYealinkConfig(commonFile.body);
    // Madrid: UTC+1, summer time from the last Sunday of March at 2:00 to the last of October at 3:00.
    expect(Object.fromEntries(common)).toMatchObject({
      'sip.notify_reboot_enable': '0',
      'local_time.time_zone': '+1',
      'local_time.summer_time': '1',
      'local_time.dst_time_type': '1',
      'local_time.start_time': '3/5/7/2',
      'local_time.end_time': '10/5/7/3',
      'local_time.offset_time': '60',
    });

    const macFile = await phone.fetch('001565AABB01.cfg');
    expect(macFile.status).toBe(200);
    const settings = Object.fromEntries(parseYealinkConfig(macFile.body));
    expect(settings).toMatchObject({
      'account.1.enable': '1',
      'account.1.user_name': ana.extension,
      'account.1.auth_name': yealink.sipUsername,
      'account.1.password': yealink.sipPassword,
      'account.1.display_name': 'Ana Desk',
      'account.1.sip_server.1.address': 'office.example.com',
      'account.1.sip_server.1.transport_type': '0',
      'account.1.outbound_proxy_enable': '1',
      'account.1.outbound_proxy.1.address': '127.0.0.1',
      'account.1.outbound_proxy.1.port': String(sipOffice.sip.ports.udp),
      'account.1.codec.pcmu.enable': '1',
      'account.1.codec.pcmu.priority': '1',
      'account.1.codec.pcma.priority': '2',
      'account.1.codec.g722.priority': '3',
      'account.1.codec.g729.enable': '0',
      'account.1.codec.opus.enable': '0',
      'account.1.dtmf.type': '1',
      'account.1.subscribe_mwi': '1',
      'voice_mail.number.1': '*97',
      'lang.gui': 'Spanish',
      // Key 1 is Ana's line; Bruno is on key 2 as a BLF (type 16); the other keys are cleared.
      'linekey.2.type': '16',
      'linekey.2.value': bruno.extension,
      'linekey.2.label': 'Bruno',
      'linekey.3.type': '0',
      'linekey.27.type': '0',
    });
    expect(settings).not.toHaveProperty('linekey.28.type');

    const peer = await udpPeer(sipOffice.sip.ports.udp);
    try {
      const registered = await registerWithDigest(
        peer,
        settings['account.1.user_name']!,
        settings['account.1.auth_name']!,
        settings['account.1.password']!,
      );
      expect(registered.status).toBe(200);
      // The console's view: the last fetch (when, from where, which file, as what) and the registration.
      const device = await deviceNow(yealink.id);
      expect(device.provisioning!.lastFetch).toEqual({
        at: expect.any(String),
        address: '127.0.0.1',
        file: '001565AABB01.cfg',
        userAgent: USER_AGENTS.yealink(yealink.mac!),
      });
      expect(device.registrations).toEqual([
        {
          transport: 'UDP',
          address: '127.0.0.1',
          port: peer.localPort,
          registeredAt: expect.any(String),
          expiresAt: expect.any(String),
        },
      ]);
      expect(Date.parse(device.registrations[0]!.expiresAt)).toBeGreaterThan(Date.now());
    } finally {
      peer.close();
    }
  });

  it('serves a Poly its master file, then the file it lists, in the user’s own language', async () => {
    const phone = phoneOf(poly, USER_AGENTS.poly());
    const master = await phone.fetch('0004f2aabb02.cfg');
    expect(master.status).toBe(200);
    const application = parseXml(master.body);
    expect(application.name).toBe('APPLICATION');
    // The default master file is the same: the phone puts its MAC address in for the macro.
    expect(parseXml((await phone.fetch('000000000000.cfg')).body).attributes).toEqual(application.attributes);
    const listed = application.attributes
      .get('CONFIG_FILES')!
      .split(',')
      .map((name) => name.trim().replace('[PHONE_MAC_ADDRESS]', '0004f2aabb02'));
    expect(listed).toEqual(['0004f2aabb02-switchboard.cfg']);

    const file = await phone.fetch(listed[0]!);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toMatch(/^application\/xml/);
    const config = parseXml(file.body);
    expect(config.name).toBe('polycomConfig');
    expect(Object.fromEntries(config.attributes)).toMatchObject({
      'reg.1.address': carla.extension,
      'reg.1.auth.userId': poly.sipUsername,
      'reg.1.auth.password': poly.sipPassword,
      'reg.1.displayName': 'Carla Poly',
      'reg.1.server.1.address': 'office.example.com',
      'reg.1.outboundProxy.address': '127.0.0.1',
      'reg.1.outboundProxy.port': String(sipOffice.sip.ports.udp),
      'reg.1.outboundProxy.transport': 'UDPOnly',
      'voice.codecPref.G711_Mu': '1',
      'voice.codecPref.G711_A': '2',
      'voice.codecPref.G722': '3',
      'tone.dtmf.rfc2833Control': '1',
      'msg.mwi.1.subscribe': carla.extension,
      'lcl.ml.lang': 'French_France',
      'tcpIpApp.sntp.gmtOffset': '3600',
      'tcpIpApp.sntp.daylightSavings.enable': '1',
      'tcpIpApp.sntp.daylightSavings.fixedDayEnable': '0',
      'tcpIpApp.sntp.daylightSavings.start.month': '3',
      'tcpIpApp.sntp.daylightSavings.start.dayOfWeek': '1',
      'tcpIpApp.sntp.daylightSavings.start.dayOfWeek.lastInMonth': '1',
      'tcpIpApp.sntp.daylightSavings.start.time': '2',
      'tcpIpApp.sntp.daylightSavings.stop.month': '10',
      'tcpIpApp.sntp.daylightSavings.stop.time': '3',
      'voIpProt.SIP.specialEvent.checkSync.alwaysReboot': '0',
      'attendant.resourceList.1.address': ana.extension,
      'attendant.resourceList.1.label': 'Ana Desk',
      'attendant.resourceList.2.address': bruno.extension,
      'attendant.resourceList.2.label': 'Bruno',
      'attendant.resourceList.3.address': '',
    });
    // Firmware is not served: the phone keeps what it runs.
    expect((await phone.fetch(application.attributes.get('APP_FILE_PATH')!)).status).toBe(404);
  });

  it('serves a Grandstream its XML file (not the binary one), with its TCP port and POSIX time zone', async () => {
    const mac = 'c074adaabb03';
    const phone = phoneOf(grandstream, USER_AGENTS.grandstream(grandstream.mac!));
    expect((await phone.fetch(`cfg${mac}`)).status).toBe(404);
    const file = await phone.fetch(`cfg${mac}.xml`);
    expect(file.status).toBe(200);
    const { mac: macInFile, settings } = parseGrandstreamConfig(file.body);
    expect(macInFile).toBe(mac);
    expect(Object.fromEntries(settings)).toMatchObject({
      P271: '1',
      P270: dan.extension,
      P47: 'office.example.com',
      P48: `127.0.0.1:${sipOffice.sip.ports.tcp}`,
      P35: dan.extension,
      P36: grandstream.sipUsername,
      P34: grandstream.sipPassword,
      P3: 'Dan Stream',
      P130: '1',
      P57: '0',
      P58: '8',
      P59: '9',
      P2302: '1',
      P33: '*97',
      P99: '1',
      P64: 'customize',
      P143: '0',
      P1362: 'es',
      // MPK 1: Ana's line as a busy lamp field; MPK 2 to 8 empty.
      P323: '1',
      P301: '0',
      P302: 'Ana Desk',
      P303: ana.extension,
      P324: '0',
      P304: '0',
      P353: '0',
      P356: '',
    });
    expect(settings.get('P246')).toMatch(/^[A-Z]{3,}-1[A-Z]{3,}-2,M3\.5\.0\/2,M10\.5\.0\/3$/);
  });

  it('answers strangers alike whatever the file, and takes no Basic credential', async () => {
    const paths = ['001565aabb01.cfg', 'ffffffffffff.cfg', 'cfgffffffffffff.xml', 'no-such-file'];
    const answers = await Promise.all(
      paths.map((path) => fetch(`${sipOffice.office.baseUrl}/provision/${path}`)),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(await answer.text()).toBe('Unauthorized\n');
      const challenge = challengeParams(answer.headers.get('www-authenticate')!);
      expect(Object.fromEntries(challenge)).toMatchObject({
        realm: 'switchboard-provisioning',
        qop: 'auth',
        algorithm: 'MD5',
      });
    }
    const basic = Buffer.from(`${yealink.provisioning!.username}:${yealink.provisioningPassword}`).toString(
      'base64',
    );
    const withBasic = await fetch(`${sipOffice.office.baseUrl}/provision/001565aabb01.cfg`, {
      headers: { Authorization: `Basic ${basic}` },
    });
    expect(withBasic.status).toBe(401);
    expect(withBasic.headers.get('www-authenticate')).toMatch(/^Digest /);
  });

  it('refuses a wrong password, and serves no phone another phone’s file', async () => {
    const wrong = phoneOf(yealink, USER_AGENTS.yealink(yealink.mac!), 'not-the-password');
    expect((await wrong.fetch('001565aabb01.cfg')).status).toBe(401);
    // Poly's credential on the Yealink's file, the Yealink's on the Poly's, an unknown MAC.
    const polyPhone = phoneOf(poly, USER_AGENTS.poly());
    expect((await polyPhone.fetch('001565aabb01.cfg')).status).toBe(404);
    expect((await polyPhone.fetch('001565aabb01-switchboard.cfg')).status).toBe(404);
    const yealinkPhone = phoneOf(yealink, USER_AGENTS.yealink(yealink.mac!));
    expect((await yealinkPhone.fetch('0004f2aabb02.cfg')).status).toBe(404);
    expect((await yealinkPhone.fetch('ffffffffffff.cfg')).status).toBe(404);
    expect((await yealinkPhone.fetch('001565aabb01.cfg')).status).toBe(200);
  });

  it('stops the old credential at once when new ones are issued', async () => {
    const old = phoneOf(yealink, USER_AGENTS.yealink(yealink.mac!));
    expect((await old.fetch('001565aabb01.cfg')).status).toBe(200);
    const renewed = await sipOffice.office.request<CreatedDevice>('PATCH', `/admin/devices/${yealink.id}`, {
      token: admin,
      body: { regenerateProvisioningCredentials: true },
    });
    expect(renewed.status).toBe(200);
    expect(renewed.body.provisioningPassword).toMatch(/^\S{24}$/);
    expect(renewed.body.sipPassword).toBeUndefined();
    expect((await old.fetch('001565aabb01.cfg')).status).toBe(401);
    const fresh = phoneOf(renewed.body, USER_AGENTS.yealink(yealink.mac!));
    expect((await fresh.fetch('001565aabb01.cfg')).status).toBe(200);
    yealink = { ...yealink, ...renewed.body, sipPassword: yealink.sipPassword };
  });

  it('gives a phone in the free pool a file without an account', async () => {
    const spare = await addDevice({ kind: 'desk-phone', model: 'yealink-t33g', mac: '00:15:65:aa:bb:04' });
    const settings = parseYealinkConfig(
      (await phoneOf(spare, USER_AGENTS.yealink(spare.mac!)).fetch('001565aabb04.cfg')).body,
    );
    expect(settings.get('account.1.enable')).toBe('0');
    expect(settings.get('account.1.password')).toBe('%NULL%');
    expect([...settings.values()]).not.toContain(spare.sipPassword);
  });
});

describe('adding a desk phone by model and MAC address', () => {
  let sipOffice: SipOffice;
  let admin: string;
  let owner: User;
  let colleague: User;

  beforeAll(async () => {
    sipOffice = await startSipOffice();
    admin = await sipOffice.office.adminToken();
    owner = await sipOffice.office.createSignedInUser(admin, 'Olga Owner');
    colleague = await sipOffice.office.createSignedInUser(admin, 'Colin Colleague');
  });
  afterAll(() => sipOffice?.close());

  const add = (body: Record<string, unknown>) =>
    sipOffice.office.request('POST', '/admin/devices', {
      token: admin,
      body: { kind: 'desk-phone', ...body },
    });

  it.each([
    [{ model: 'yealink-t46s' }, 'body.mac'],
    [{ model: 'yealink-t46s', mac: '00:15:65:zz:00:01' }, 'body.mac'],
    [{ model: 'yealink-t31p', mac: '001565000002', blfKeys: ['999'] }, 'body.blfKeys.0'],
    [{ model: 'yealink-t31p', mac: '001565000003', blfKeys: ['101', '102'] }, 'body.blfKeys'],
    [{ model: 'A phone set up by hand', blfKeys: ['101'] }, 'body.blfKeys'],
    [{ model: 'poly-vvx-250', mac: '0004f2000005', sipTransport: 'tls' }, 'body.sipTransport'],
  ])('refuses %j (%s) and adds nothing', async (body, field) => {
    const before = (await sipOffice.office.request('GET', '/admin/devices', { token: admin })).body.items
      .length;
    const refused = await add(body);
    expect(refused.status).toBe(400);
    expect(refused.body.error.field).toBe(field);
    expect(
      (await sipOffice.office.request('GET', '/admin/devices', { token: admin })).body.items,
    ).toHaveLength(before);
  });

  it('refuses the phone’s own extension on a BLF key, and a company time zone that does not exist', async () => {
    const own = await add({
      model: 'yealink-t46s',
      mac: '001565000006',
      extension: owner.extension,
      blfKeys: [colleague.extension, owner.extension],
    });
    expect(own.status).toBe(400);
    expect(own.body.error.field).toBe('body.blfKeys.1');
    const zone = await sipOffice.office.request('PATCH', '/admin/company', {
      token: admin,
      body: { timeZone: 'Mars/Olympus_Mons' },
    });
    expect(zone.status).toBe(400);
    expect(zone.body.error.field).toBe('body.timeZone');
  });

  it('keeps a phone set up by hand unprovisioned, and provisions it once it is given a catalogued model', async () => {
    const manual = await add({ model: 'Old analogue adapter' });
    expect(manual.status).toBe(201);
    expect(manual.body.provisioning).toBeNull();
    expect(manual.body.provisioningPassword).toBeUndefined();
    const missingMac = await sipOffice.office.request('PATCH', `/admin/devices/${manual.body.id}`, {
      token: admin,
      body: { model: 'grandstream-gxp1630' },
    });
    expect(missingMac.body.error.field).toBe('body.mac');
    const provisioned = await sipOffice.office.request('PATCH', `/admin/devices/${manual.body.id}`, {
      token: admin,
      body: { model: 'grandstream-gxp1630', mac: 'C0-74-AD-00-00-07', blfKeys: [colleague.extension] },
    });
    expect(provisioned.status).toBe(200);
    expect(provisioned.body.provisioning.vendor).toBe('grandstream');
    expect(provisioned.body.provisioningPassword).toMatch(/^\S{24}$/);
    expect(provisioned.body.blfKeys).toEqual([colleague.extension]);
    // Back to a model the office does not provision: the credential and keys go.
    const manualAgain = await sipOffice.office.request('PATCH', `/admin/devices/${manual.body.id}`, {
      token: admin,
      body: { model: 'Old analogue adapter' },
    });
    expect(manualAgain.body).toMatchObject({ provisioning: null, blfKeys: [] });
  });
});

describe('the provisioning throttle', () => {
  let sipOffice: SipOffice;
  let devices: CreatedDevice[];

  beforeAll(async () => {
    sipOffice = await startSipOffice();
    const admin = await sipOffice.office.adminToken();
    const user = await sipOffice.office.createSignedInUser(admin, 'Throttled Theo');
    devices = await Promise.all(
      ['00156500aa01', '00156500aa02'].map(
        async (mac) =>
          (
            await sipOffice.office.request('POST', '/admin/devices', {
              token: admin,
              body: { kind: 'desk-phone', model: 'yealink-t46s', mac, extension: user.extension },
            })
          ).body as CreatedDevice,
      ),
    );
  });
  afterAll(() => sipOffice?.close());

  const phone = (device: CreatedDevice, password = device.provisioningPassword!) =>
    new ProvisioningPhone(
      sipOffice.office.baseUrl,
      device.provisioning!.username!,
      password,
      USER_AGENTS.yealink(device.mac!),
    );
  const statuses = async (guesses: Promise<{ status: number }>[]) =>
    (await Promise.all(guesses)).map((guess) => guess.status);
  const count = (list: number[], status: number) => list.filter((s) => s === status).length;

  it('lets a username and an address fail a limited number of times, even in parallel, then refuses them for a while', async () => {
    const [theo, other] = devices as [CreatedDevice, CreatedDevice];
    // 150 guesses at once at one phone's password: only so many are checked.
    const atTheo = await statuses(
      Array.from({ length: 150 }, (_, index) => phone(theo, `guess-${index}`).fetch('00156500aa01.cfg')),
    );
    expect(count(atTheo, 401)).toBe(USERNAME_MAX_FAILURES);
    expect(count(atTheo, 429)).toBe(150 - USERNAME_MAX_FAILURES);
    // That phone's own credential waits too; another phone behind the same address does not.
    const waiting = await phone(theo).fetch('00156500aa01.cfg');
    expect([waiting.status, waiting.headers.get('retry-after')]).toEqual([429, '900']);
    expect((await phone(other).fetch('00156500aa02.cfg')).status).toBe(200);
    // Guesses spread over made-up usernames fill the address's budget, and then it waits too.
    const spread = await statuses(
      Array.from({ length: 100 }, (_, index) =>
        new ProvisioningPhone(sipOffice.office.baseUrl, `p-guess-${index}`, 'guess', 'Guesser').fetch(
          '00156500aa02.cfg',
        ),
      ),
    );
    expect(count(spread, 401)).toBe(ADDRESS_MAX_FAILURES - USERNAME_MAX_FAILURES);
    expect((await phone(other).fetch('00156500aa02.cfg')).status).toBe(429);
    expect(
      (await fetch(`${sipOffice.office.baseUrl}/provision/00156500aa02.cfg`)).headers.get('www-authenticate'),
    ).toMatch(/^Digest /);

    sipOffice.office.advance(15 * 60_000 + 1000);
    expect((await phone(theo).fetch('00156500aa01.cfg')).status).toBe(200);
    // Good fetches cost nothing: a phone fetching often is never refused.
    const often = phone(other);
    for (let i = 0; i < ADDRESS_MAX_FAILURES + 5; i++)
      expect((await often.fetch('00156500aa02.cfg')).status).toBe(200);
  });
});
