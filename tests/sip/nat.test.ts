// Phones behind NAT: the Contact they write is their private address, which cannot be reached
// from here; the office sends to where their REGISTER came from, keeps that mapping open with
// OPTIONS, drops a phone that stops answering, and keeps RFC 5626 flows for phones that ask.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestOffice } from '../support/office';
import { DOMAIN, startSipOffice } from '../support/sip-office';
import type { SipService } from '../../server/sip/service';
import { parseMessage, serializeMessage, type SipRequest } from '../../server/sip/message';
import { buildResponse } from '../../server/sip/fields';
import { udpPeer, type Peer } from './support';
import { exchange, register, registerWithDigest, authorization } from './desk-phone';
import { TestPhone, reaches, SessionState } from './softphone';
import { Namespaces, canMakeNamespaces, type PhoneProcess } from '../support/netns';
import { officeWithNamespacedPhone, type NamespacedCall } from './namespaced-phone';

const run = promisify(execFile);
/** The private Contact: an unreachable route makes sure nothing could leave for it. */
const PRIVATE_CONTACT = '10.9.9.9';
const INSTANCE = '"<urn:uuid:00000000-0000-4000-8000-00000000c0de>"';
const isRoot = process.getuid?.() === 0;

/** The next request the peer gets (responses to its own requests are skipped). */
async function nextRequest(peer: Peer, timeoutMs = 5000): Promise<SipRequest> {
  for (;;) {
    const message = parseMessage(await peer.next(timeoutMs));
    if (message.kind === 'request') return message;
  }
}

/** The next request but a keep-alive, which is answered as a phone would. */
async function nextCall(peer: Peer): Promise<SipRequest> {
  for (;;) {
    const request = await nextRequest(peer);
    if (request.method !== 'OPTIONS') return request;
    peer.send(serializeMessage(buildResponse(request, 200, 'OK')));
  }
}

/** The methods of the requests the peer gets within `ms`. */
async function requestsWithin(peer: Peer, ms: number): Promise<string[]> {
  const methods: string[] = [];
  const deadline = Date.now() + ms;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return methods;
    try {
      methods.push((await nextRequest(peer, left)).method);
    } catch {
      return methods;
    }
  }
}

describe('phones behind NAT, on loopback', () => {
  let office: TestOffice;
  let sip: SipService;
  let admin: string;
  let caller: TestPhone;
  const cleanups: (() => unknown)[] = [];

  beforeAll(async () => {
    if (isRoot) {
      await run('ip', ['route', 'replace', 'unreachable', `${PRIVATE_CONTACT}/32`]);
      cleanups.push(() => run('ip', ['route', 'delete', 'unreachable', `${PRIVATE_CONTACT}/32`]));
    }
    // Short timers: a keep-alive every 300 ms, and an OPTIONS nobody answers fails after 64×T1 = 1.3 s.
    ({ office, sip } = await startSipOffice(
      {},
      { natKeepAliveMs: 300, timers: { t1: 20, t2: 160, t4: 200 } },
    ));
    admin = await office.adminToken();
    const callerUser = await office.createSignedInUser(admin, 'Nat Caller');
    caller = await TestPhone.ofUser(office, callerUser.token, 'nat-caller');
  });
  afterAll(async () => {
    for (const cleanup of cleanups.reverse())
      await Promise.resolve()
        .then(cleanup)
        .catch(() => undefined);
    await caller?.stop();
    await sip?.close();
    await office?.close();
  });

  /** A user whose desk phone registered from a UDP port of its own, with `contact`. */
  async function natPhone(
    name: string,
    contact: (peer: Peer, extension: string) => string,
    headers: string[] = [],
  ) {
    const user = await office.createSignedInUser(admin, name);
    const desk = await office.addDeskPhone(admin, user.extension);
    const peer = await udpPeer(sip.ports.udp);
    cleanups.push(() => peer.close());
    const answer = await registerWithDigest(peer, user.extension, desk.sipUsername, desk.sipPassword, {
      contact: contact(peer, user.extension),
      headers,
    });
    expect(answer.status).toBe(200);
    return { user, desk, peer, answer };
  }

  it('rings a phone whose Contact is a private address at the address its REGISTER came from', async () => {
    const { user, peer } = await natPhone('Nat Nora', (_, ext) => `<sip:${ext}@${PRIVATE_CONTACT}:5060>`);
    const { final } = caller.dial(`sip:${user.extension}@${DOMAIN}`);
    const invite = await nextCall(peer);
    expect(invite.method).toBe('INVITE');
    expect(invite.uri).toBe(`sip:${user.extension}@${PRIVATE_CONTACT}:5060`);
    peer.send(serializeMessage(buildResponse(invite, 486, 'Busy Here')));
    expect(await final).toBe(486);
  });

  it('keeps the mapping open with OPTIONS while the phone answers, and drops it once it stops', async () => {
    const { user, peer } = await natPhone('Nat Ned', (_, ext) => `<sip:${ext}@${PRIVATE_CONTACT}:5060>`);
    for (let i = 0; i < 3; i++) {
      const options = await nextRequest(peer, 2000);
      expect(options.method).toBe('OPTIONS');
      expect(options.uri).toBe(`sip:${user.extension}@${PRIVATE_CONTACT}:5060`);
      peer.send(serializeMessage(buildResponse(options, 200, 'OK')));
    }
    expect(sip.registrar.contactsOf(user.extension)).toHaveLength(1);
    // The phone is gone (unplugged, or its NAT forgot it): nothing answers any more.
    peer.close();
    await expect.poll(() => sip.registrar.contactsOf(user.extension), { timeout: 5000 }).toHaveLength(0);
  });

  it('sends no keep-alives to a phone whose Contact is its own address', async () => {
    const { user, peer } = await natPhone('Open Olga', (p, ext) => `<sip:${ext}@127.0.0.1:${p.localPort}>`);
    await expect(peer.next(1000)).rejects.toThrow('no SIP message arrived');
    expect(sip.registrar.contactsOf(user.extension)).toHaveLength(1);
  });

  it('keeps an RFC 5626 flow: the newest flow of an instance carries its calls, and no OPTIONS', async () => {
    const flowContact = (_: Peer, ext: string) =>
      `<sip:${ext}@${PRIVATE_CONTACT}:5060;ob>;reg-id=1;+sip.instance=${INSTANCE}`;
    const first = await natPhone('Flow Fay', flowContact, ['Supported: path, outbound']);
    expect(first.answer.headers.get('Require')).toBe('outbound');
    expect(first.answer.headers.get('Flow-Timer')).toBe('25');
    expect(first.answer.headers.get('Contact')).toContain(`;+sip.instance=${INSTANCE};reg-id=1`);
    // The phone's flow moved (its NAT gave it a new port): the same instance and reg-id register again.
    const moved = await udpPeer(sip.ports.udp);
    cleanups.push(() => moved.close());
    const again = await registerWithDigest(
      moved,
      first.user.extension,
      first.desk.sipUsername,
      first.desk.sipPassword,
      {
        contact: flowContact(moved, first.user.extension),
        headers: ['Supported: outbound'],
        callId: 'moved-flow',
      },
    );
    expect(again.status).toBe(200);
    expect(sip.registrar.contactsOf(first.user.extension).map((b) => b.flow.port)).toEqual([moved.localPort]);

    const { final } = caller.dial(`sip:${first.user.extension}@${DOMAIN}`);
    const invite = await nextRequest(moved);
    expect(invite.method).toBe('INVITE');
    moved.send(serializeMessage(buildResponse(invite, 486, 'Busy Here')));
    expect(await final).toBe(486);
    // Outbound phones keep their own flow alive: in three keep-alive rounds the office sends no
    // OPTIONS (only the ACK of the 486, and the INVITE again if the 486 was slow to arrive).
    const methods = await requestsWithin(moved, 1000);
    expect(methods).toContain('ACK');
    expect(methods).not.toContain('OPTIONS');
  });

  it('answers a STUN keep-alive on the SIP port with the address it came from', async () => {
    const peer = await udpPeer(sip.ports.udp);
    cleanups.push(() => peer.close());
    const request = Buffer.alloc(20);
    request.writeUInt16BE(0x0001, 0);
    request.writeUInt32BE(0x2112a442, 4);
    request.write('transaction1', 8, 'latin1');
    peer.send(request);
    const answer = await peer.next();
    expect(answer.readUInt16BE(0)).toBe(0x0101);
    expect(answer.subarray(8, 20).toString('latin1')).toBe('transaction1');
    expect(answer.readUInt16BE(26) ^ 0x2112).toBe(peer.localPort);
    expect((answer.readUInt32BE(28) ^ 0x2112a442) >>> 0).toBe(0x7f000001);
    // Not quite STUN (a length that does not match), or a STUN answer, draws nothing.
    request.writeUInt16BE(4, 2);
    peer.send(request);
    const response = Buffer.from(answer);
    peer.send(response);
    await expect(peer.next(500)).rejects.toThrow('no SIP message arrived');
  });

  it('refuses a flow behind a proxy (439), several flows at once (400), and holds nothing for a stranger', async () => {
    const user = await office.createSignedInUser(admin, 'Strict Stan');
    const desk = await office.addDeskPhone(admin, user.extension);
    const peer = await udpPeer(sip.ports.udp);
    cleanups.push(() => peer.close());
    const flow = (regId: number) =>
      `<sip:${user.extension}@${PRIVATE_CONTACT}:5060;ob>;reg-id=${regId};+sip.instance=${INSTANCE}`;
    const attempt = async (options: Parameters<typeof register>[2]) => {
      const challenge = await exchange(peer, register(peer, user.extension, options));
      expect(challenge.status).toBe(401);
      const header = challenge.headers.getAll('WWW-Authenticate')[0]!;
      return exchange(
        peer,
        register(peer, user.extension, {
          ...options,
          authorization: authorization(header, desk.sipUsername, desk.sipPassword),
        }),
      );
    };
    const proxied = await attempt({
      contact: flow(1),
      headers: ['Via: SIP/2.0/UDP 192.0.2.77:5060;branch=z9hG4bKproxy', 'Supported: outbound'],
    });
    expect(proxied.status).toBe(439);
    const several = await attempt({ contact: `${flow(1)}, ${flow(2)}`, headers: ['Supported: outbound'] });
    expect(several.status).toBe(400);
    // A reg-id that is no number, or an instance past 256 characters, makes no flow: a plain binding.
    const odd = await attempt({
      contact: `<sip:${user.extension}@127.0.0.1:${peer.localPort}>;reg-id=abc;+sip.instance=${INSTANCE}`,
      headers: ['Supported: outbound'],
    });
    expect([odd.status, odd.headers.get('Require')]).toEqual([200, undefined]);
    const long = await attempt({
      contact: `<sip:${user.extension}@127.0.0.1:${peer.localPort}>;reg-id=1;+sip.instance="<urn:uuid:${'a'.repeat(300)}>"`,
      headers: ['Supported: outbound'],
    });
    expect([long.status, long.headers.get('Require')]).toEqual([200, undefined]);
    expect((await attempt({ contact: '*', expires: 0 })).status).toBe(200);
    // Without credentials: a challenge, and no binding.
    const stranger = await exchange(
      peer,
      register(peer, user.extension, { contact: flow(1), headers: ['Supported: outbound'] }),
    );
    expect(stranger.status).toBe(401);
    expect(sip.registrar.contactsOf(user.extension)).toEqual([]);
    // However many flows a phone opens, it keeps as many bindings as any device may.
    for (let regId = 1; regId <= 8; regId++)
      expect((await attempt({ contact: flow(regId), headers: ['Supported: outbound'] })).status).toBe(200);
    expect(sip.registrar.contactsOf(user.extension)).toHaveLength(5);
  });
});

const OUTSIDE = '172.31.78.1';
const ROUTER_OUTSIDE = '172.31.78.2';
const ROUTER_INSIDE = '192.168.77.1';
const PHONE_INSIDE = '192.168.77.2';

describe.skipIf(!(await canMakeNamespaces()))('a phone behind a masquerading router', () => {
  const namespaces = new Namespaces();
  let started: NamespacedCall | undefined;
  let sip: SipService;
  let caller: TestPhone;
  let phone: PhoneProcess;
  let extension: string;

  beforeAll(async () => {
    const router = await namespaces.add('rtr');
    const home = await namespaces.add('home');
    const wan = await namespaces.link(
      { namespace: null, address: OUTSIDE },
      { namespace: router, address: ROUTER_OUTSIDE },
      30,
      'w',
    );
    await namespaces.link(
      { namespace: router, address: ROUTER_INSIDE },
      { namespace: home, address: PHONE_INSIDE },
      24,
      'h',
    );
    await namespaces.exec(router, 'sysctl', '-qw', 'net.ipv4.ip_forward=1');
    await namespaces.exec(
      router,
      'iptables',
      '-t',
      'nat',
      '-A',
      'POSTROUTING',
      '-o',
      wan.bInterface,
      '-j',
      'MASQUERADE',
    );
    await namespaces.exec(home, 'ip', 'route', 'add', 'default', 'via', ROUTER_INSIDE);

    started = await officeWithNamespacedPhone(home, OUTSIDE, PHONE_INSIDE, {
      caller: 'Outside Caller',
      callee: 'Home Callee',
    });
    ({ sip, caller, phone, extension } = started);
  }, 60_000);

  afterAll(async () => {
    await started?.close();
    await namespaces.removeAll();
  });

  it('registers through the NAT and rings when called from outside; BYE crosses both ways', async () => {
    const [binding] = sip.registrar.contactsOf(extension);
    // The REGISTER came from the router's outside address; the Contact names the private one.
    expect(binding!.flow.address).toBe(ROUTER_OUTSIDE);
    expect(binding!.contact).toContain(PHONE_INSIDE);
    const { session, final } = caller.dial(`sip:${extension}@${DOMAIN}`);
    const invite = await phone.next('invite');
    expect(invite.contact).toBe(`sip:switchboard@${OUTSIDE}:${sip.ports.udp}`);
    expect(await final).toBe(200);
    await phone.next('ack');
    await session.bye();
    await phone.next('bye');
    await reaches(session, SessionState.Terminated);
  });
});
