// SIP is UTF-8 text (RFC 3261 §7.3.1): names in Spanish, French, Polish, Chinese or with an
// emoji go over the wire as their UTF-8 bytes, both ways and over every transport, and a
// message whose headers are not UTF-8 is refused with 400 rather than read as garbage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parser } from 'sip.js/lib/core/messages/parser.js';
import { parseMessage, serializeMessage, SipParseError, type SipRequest } from '../../server/sip/message';
import type { SipResponse } from '../../server/sip/message';
import { buildResponse, parseNameAddr } from '../../server/sip/fields';
import { nameAddrOf } from '../../server/sip/calls/identity';
import { startSipOffice, type SipOffice } from '../support/sip-office';
import { DOMAIN, registerWithDigest } from './desk-phone';
import { TestPhone } from './softphone';
import { request, tcpPeer, udpPeer, type Peer } from './support';

const NAMES = ['Lucía García-Pérez', 'Zoë Brontë-Ødegaard', 'Łukasz Żółć', '李小龙', 'Ana 📞 Ruiz'];

const utf8 = (text: string) => Buffer.from(text, 'utf8');

function refusal(bytes: Buffer): SipParseError {
  try {
    parseMessage(bytes);
  } catch (error) {
    if (error instanceof SipParseError) return error;
    throw error;
  }
  throw new Error('the message was accepted');
}

describe('UTF-8 in the parser and the serialiser', () => {
  const sdp = 'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=Zoë Brontë-Ødegaard 📞\r\nt=0 0\r\n';
  const invite = (from: string) =>
    Buffer.concat([
      utf8(
        [
          `INVITE sip:102@${DOMAIN} SIP/2.0`,
          'Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKutf8',
          'Max-Forwards: 70',
          `From: ${from};tag=a1`,
          `To: "李小龙" <sip:102@${DOMAIN}>`,
          'Call-ID: utf8-call',
          'CSeq: 1 INVITE',
          'Content-Type: application/sdp',
          `Content-Length: ${utf8(sdp).length}`,
          '',
          '',
        ].join('\r\n'),
      ),
      utf8(sdp),
    ]);

  it.each(NAMES)('reads "%s" from its UTF-8 bytes and writes the same bytes back', (name) => {
    const bytes = invite(`"${name}" <sip:101@${DOMAIN}>`);
    const message = parseMessage(bytes) as SipRequest;
    expect(parseNameAddr(message.headers.get('From')!).displayName).toBe(name);
    expect(parseNameAddr(message.headers.get('To')!).displayName).toBe('李小龙');
    // Content-Length counts bytes: the body's characters are fewer.
    expect(message.body.length).toBe(utf8(sdp).length);
    expect(message.body.length).toBeGreaterThan(sdp.length);
    expect(message.body.toString('utf8')).toBe(sdp);

    const written = serializeMessage(message);
    expect(written.includes(utf8(`From: "${name}" <sip:101@${DOMAIN}>`))).toBe(true);
    expect(written.includes(utf8(`Content-Length: ${utf8(sdp).length}\r\n`))).toBe(true);
    expect(written.subarray(written.length - utf8(sdp).length).equals(utf8(sdp))).toBe(true);
    // And a UTF-8 reader on the other end (sip.js, as the app's softphone) reads it as sent.
    const logger = { debug() {}, log() {}, warn() {}, error() {} };
    const parsed = Parser.parseMessage(written.toString('utf8'), logger as never);
    expect(parsed?.from.displayName).toBe(name);
    expect(parsed?.body).toBe(sdp);
  });

  it('writes a name with quotes, backslashes, brackets and line breaks as one quoted-string', () => {
    const name = 'Zoë "la jefa" <ventas>\\ \r\nX-Injected: 1';
    const header = nameAddrOf({ name, number: '103', userId: null }, DOMAIN);
    expect(header).not.toMatch(/[\r\n]/);
    const address = parseNameAddr(header);
    expect(address.uri).toBe(`sip:103@${DOMAIN}`);
    expect(address.displayName).toBe('Zoë "la jefa" <ventas>\\ X-Injected: 1');
  });

  it.each([
    ['latin1 (what a phone set to ISO-8859-1 sends)', Buffer.from('"Lucía" <sip:101@x>', 'latin1')],
    ['an overlong encoding', Buffer.from([0x22, 0xc0, 0xaf, 0x22, 0x20, 0x3c, 0x73, 0x3e])],
    ['a lone surrogate', Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22, 0x20, 0x3c, 0x73, 0x3e])],
    ['a sequence cut short', Buffer.from([0x22, 0xe6, 0x9d, 0x22, 0x20, 0x3c, 0x73, 0x3e])],
  ])('refuses headers in %s, keeping enough of the request to answer it', (_, from) => {
    const bytes = Buffer.concat([
      utf8(`OPTIONS sip:100@${DOMAIN} SIP/2.0\r\nVia: SIP/2.0/UDP h.invalid;branch=z9hG4bKx\r\nFrom: `),
      from,
      utf8(`;tag=1\r\nTo: <sip:100@${DOMAIN}>\r\nCall-ID: bad-utf8\r\nCSeq: 1 OPTIONS\r\n\r\n`),
    ]);
    const error = refusal(bytes);
    expect(error.message).toBe('Headers are not UTF-8');
    expect(error.partial?.headers.get('Call-ID')).toBe('bad-utf8');
  });

  it('counts a long header line in bytes, not characters', () => {
    // 3,000 characters of three bytes each: 9,000 bytes, over the 8,192-byte line limit.
    const long = request('OPTIONS', 'UDP', [`Subject: ${'李'.repeat(3000)}`]);
    expect(refusal(utf8(long)).message).toBe('Header line too long');
    expect(() =>
      parseMessage(utf8(request('OPTIONS', 'UDP', [`Subject: ${'李'.repeat(2700)}`]))),
    ).not.toThrow();
  });
});

describe('names through the office', () => {
  let sip: SipOffice;
  let admin: string;

  beforeAll(async () => {
    sip = await startSipOffice();
    admin = await sip.office.adminToken();
  });
  afterAll(() => sip?.close());

  it.each([
    ['UDP', (port: number) => udpPeer(port)],
    ['TCP', (port: number) => tcpPeer(port)],
  ] as const)(
    'answers a request whose headers are not UTF-8 with 400 over %s',
    async (transport, connect) => {
      const ports = sip.sip.ports as Record<string, number>;
      const peer: Peer = await connect(ports[transport.toLowerCase()]!);
      try {
        const text = request('OPTIONS', transport).replace('From: <', 'From: "Lucía" <');
        peer.send(Buffer.from(text, 'latin1'));
        const answer = parseMessage(await peer.next()) as SipResponse;
        expect(answer.status).toBe(400);
        expect(answer.reason).toBe('Bad Request (Headers are not UTF-8)');
        expect(sip.sip.stack.stats.caught).toBe(0);
      } finally {
        peer.close();
      }
    },
  );

  it('rings a desk phone (UDP) and a softphone (WebSocket) with the caller’s name in UTF-8', async () => {
    const people = [];
    for (const name of NAMES) people.push(await sip.office.createSignedInUser(admin, name));
    const [lucia, zoe, lukasz, bruce, ana] = people as [
      (typeof people)[0],
      (typeof people)[0],
      (typeof people)[0],
      (typeof people)[0],
      (typeof people)[0],
    ];

    // Zoë's desk phone sees every byte of the INVITE Lucía's call makes.
    const desk = await sip.office.addDeskPhone(admin, zoe.extension);
    const deskPhone = await udpPeer(sip.sip.ports.udp);
    expect(
      (await registerWithDigest(deskPhone, zoe.extension, desk.sipUsername, desk.sipPassword)).status,
    ).toBe(200);
    const luciaPhone = await TestPhone.ofUser(sip.office, lucia.token, 'lucia');
    const toZoe = luciaPhone.dial(`sip:${zoe.extension}@${DOMAIN}`);
    const bytes = await deskPhone.next();
    expect(bytes.includes(utf8(`From: "Lucía García-Pérez" <sip:${lucia.extension}@${DOMAIN}>`))).toBe(true);
    const ringing = parseMessage(bytes) as SipRequest;
    expect(ringing.headers.get('Content-Length')).toBe(String(ringing.body.length));
    // Zoë's phone answers 180 with her name in UTF-8: Lucía's sip.js reads it from the office's
    // P-Asserted-Identity, as the app does to name whom a call reaches.
    deskPhone.send(
      serializeMessage(
        buildResponse(ringing, 486, 'Busy Here', {
          toTag: 'desk',
          headers: [['Reason', 'SIP;text="Ocupé"']],
        }),
      ),
    );
    expect(await toZoe.final).toBe(486);
    deskPhone.close();
    // Her phone goes, so that only the one below rings when Ana calls her.
    await luciaPhone.stop();

    // Łukasz calls 李小龙 and Ana calls Lucía, softphone to softphone: each ringing phone reads the name.
    for (const [caller, callee, calleeName] of [
      [lukasz, bruce, 'bruce'],
      [ana, lucia, 'lucia2'],
    ] as const) {
      const callerPhone = await TestPhone.ofUser(sip.office, caller.token, `caller-${calleeName}`);
      const calleePhone = await TestPhone.ofUser(sip.office, callee.token, calleeName);
      const call = callerPhone.dial(`sip:${callee.extension}@${DOMAIN}`);
      const invitation = await calleePhone.nextInvitation();
      const callerName = NAMES[people.indexOf(caller)];
      expect(invitation.remoteIdentity.displayName).toBe(callerName);
      await invitation.reject({ statusCode: 486 });
      expect(await call.final).toBe(486);
      await callerPhone.stop();
      await calleePhone.stop();
    }

    // The call logs name each party as the office knows them.
    const zoeLog = await sip.office.request('GET', '/me/call-log', { token: zoe.token });
    expect(zoeLog.body.items[0]).toMatchObject({
      otherName: 'Lucía García-Pérez',
      otherNumber: lucia.extension,
    });
    const brucesLog = await sip.office.request('GET', '/me/call-log', { token: bruce.token });
    expect(brucesLog.body.items[0]).toMatchObject({ otherName: 'Łukasz Żółć' });
  });
});
