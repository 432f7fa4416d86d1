import { describe, expect, it } from 'vitest';
import { Parser } from 'sip.js/lib/core/messages/parser.js';
import { parseMessage, serializeMessage, SipParseError, type SipRequest } from '../../server/sip/message';
import { buildResponse, parseNameAddr, parseSipUri, parseVia } from '../../server/sip/fields';

const crlf = (lines: string[]) => Buffer.from(lines.join('\r\n'));

const REGISTER = [
  'REGISTER sip:office.example.com SIP/2.0',
  'Via: SIP/2.0/WSS abc.invalid;branch=z9hG4bK776asdhds;rport',
  'Max-Forwards: 70',
  'To: <sip:100@office.example.com>',
  'From: "Ada" <sip:100@office.example.com>;tag=1928301774',
  'Call-ID: a84b4c76e66710',
  'CSeq: 1 REGISTER',
  'Contact: <sip:x7@abc.invalid;transport=ws>;expires=600',
  'Content-Length: 0',
  '',
  '',
];

function refusal(bytes: Buffer): SipParseError {
  try {
    parseMessage(bytes);
  } catch (error) {
    if (error instanceof SipParseError) return error;
    throw new Error(`threw something other than SipParseError: ${String(error)}`);
  }
  throw new Error('the message was accepted');
}

describe('parseMessage', () => {
  it('reads a request with its headers, typed fields and an empty body', () => {
    const message = parseMessage(crlf(REGISTER)) as SipRequest;
    expect(message).toMatchObject({ kind: 'request', method: 'REGISTER', uri: 'sip:office.example.com' });
    expect(message.headers.get('call-id')).toBe('a84b4c76e66710');
    expect(message.body.length).toBe(0);
    const from = parseNameAddr(message.headers.get('From')!);
    expect(from).toMatchObject({ displayName: 'Ada', uri: 'sip:100@office.example.com' });
    expect(from.params.get('tag')).toBe('1928301774');
    const via = parseVia(message.headers.get('Via')!);
    expect(via).toMatchObject({ transport: 'WSS', host: 'abc.invalid', port: null });
    expect(via.params.get('branch')).toBe('z9hG4bK776asdhds');
    expect(via.params.has('rport')).toBe(true);
  });

  it('accepts compact names, folded lines and several values in one list header', () => {
    const message = parseMessage(
      crlf([
        'OPTIONS sip:100@office.example.com SIP/2.0',
        'v: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKa, SIP/2.0/UDP 10.0.0.2;branch=z9hG4bKb',
        't: <sip:100@office.example.com>',
        'f: <sip:200@office.example.com>;tag=x',
        'i: folded-call-id',
        'CSeq: 7',
        '  OPTIONS',
        'l: 5',
        '',
        'hello and some trailing bytes the datagram carried',
      ]),
    );
    expect(message.headers.getAll('Via')).toHaveLength(2);
    expect(parseVia(message.headers.getAll('Via')[1]!).host).toBe('10.0.0.2');
    expect(message.headers.get('CSeq')).toBe('7 OPTIONS');
    expect(message.body.toString()).toBe('hello');
  });

  it('keeps header names that happen to be JavaScript object keys as plain names', () => {
    const message = parseMessage(
      crlf([
        'OPTIONS sip:100@office.example.com SIP/2.0',
        'Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKa',
        'To: <sip:100@office.example.com>',
        'From: <sip:200@office.example.com>;tag=x',
        'Call-ID: odd-names',
        'CSeq: 1 OPTIONS',
        'constructor: one',
        '__proto__: two',
        'toString: three',
        '',
        '',
      ]),
    );
    expect(message.headers.entries().slice(-3)).toEqual([
      ['constructor', 'one'],
      ['__proto__', 'two'],
      ['toString', 'three'],
    ]);
    expect(serializeMessage(message).toString()).toContain('\r\nconstructor: one\r\n__proto__: two\r\n');
  });

  it('reads responses', () => {
    const message = parseMessage(
      crlf([
        'SIP/2.0 180 Ringing',
        'Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKx',
        'To: <sip:100@h>;tag=b',
        'From: <sip:200@h>;tag=a',
        'Call-ID: c',
        'CSeq: 1 INVITE',
        '',
        '',
      ]),
    );
    expect(message).toMatchObject({ kind: 'response', status: 180, reason: 'Ringing' });
  });

  it.each([
    [
      'a request line without the version',
      ['REGISTER sip:office.example.com', ...REGISTER.slice(1)],
      'Malformed start line',
    ],
    ['a CSeq naming another method', REGISTER.map((l) => l.replace('1 REGISTER', '1 INVITE')), 'CSeq method'],
    ['no CSeq at all', REGISTER.filter((l) => !l.startsWith('CSeq')), 'Missing CSeq'],
    [
      'a Content-Length beyond the body',
      REGISTER.map((l) => l.replace('Content-Length: 0', 'Content-Length: 40')),
      'shorter',
    ],
    [
      'a non-numeric Content-Length',
      REGISTER.map((l) => l.replace('Content-Length: 0', 'Content-Length: -1')),
      'Content-Length',
    ],
    [
      'a header without a colon',
      [...REGISTER.slice(0, 3), 'Garbage line here', ...REGISTER.slice(3)],
      'Malformed header',
    ],
    ['a Request-URI with spaces', ['REGISTER sip:a b SIP/2.0', ...REGISTER.slice(1)], 'Malformed start line'],
    [
      'a Max-Forwards that is not a number',
      REGISTER.map((l) => l.replace('Max-Forwards: 70', 'Max-Forwards: seventy')),
      'Max-Forwards',
    ],
  ])('refuses %s', (_name, lines, reason) => {
    expect(refusal(crlf(lines as string[])).message).toContain(reason);
  });

  it('keeps what it understood of a bad request, so it can be answered 400', () => {
    const error = refusal(crlf(REGISTER.map((l) => l.replace('1 REGISTER', '1 INVITE'))));
    expect(error.partial?.headers.get('Call-ID')).toBe('a84b4c76e66710');
  });

  it('refuses oversize messages, too many headers, control bytes and missing header ends', () => {
    expect(refusal(Buffer.concat([crlf(REGISTER), Buffer.alloc(70_000, 97)])).message).toBe(
      'Message too large',
    );
    const many = [
      ...REGISTER.slice(0, 2),
      ...Array.from({ length: 120 }, (_, i) => `X-H${i}: v`),
      ...REGISTER.slice(2),
    ];
    expect(refusal(crlf(many)).message).toBe('Too many headers');
    expect(refusal(Buffer.from([0x52, 0x00, 0x01, 0xff, 0x0d, 0x0a, 0x0d, 0x0a])).message).toMatch(
      /Control|start line/,
    );
    expect(refusal(Buffer.from('REGISTER sip:a SIP/2.0\r\nVia: x')).message).toBe('No end of headers');
    expect(refusal(Buffer.from(REGISTER.join('\n'))).message).toBe('No end of headers');
  });

  it('serialises what it parses, and sip.js reads it back the same', () => {
    const message = parseMessage(crlf(REGISTER));
    message.body = Buffer.from('v=0\r\n');
    message.headers.set('Content-Type', 'application/sdp');
    const bytes = serializeMessage(message);
    const again = parseMessage(bytes) as SipRequest;
    expect(again.headers.get('Content-Length')).toBe('5');
    expect(again.body.toString()).toBe('v=0\r\n');
    const logger = { debug() {}, log() {}, warn() {}, error() {} };
    const parsed = Parser.parseMessage(bytes.toString('latin1'), logger as never);
    expect(parsed?.method).toBe('REGISTER');
    expect(parsed?.callId).toBe('a84b4c76e66710');
    expect(parsed?.fromTag).toBe('1928301774');
    expect(parsed?.body).toBe('v=0\r\n');
  });
});

describe('fields', () => {
  it('parses SIP URIs and refuses other things', () => {
    expect(parseSipUri('sip:100@Office.Example.com:5070;transport=tcp')).toMatchObject({
      scheme: 'sip',
      user: '100',
      host: 'office.example.com',
      port: 5070,
    });
    expect(parseSipUri('sips:[::1]').host).toBe('[::1]');
    expect(() => parseSipUri('tel:+15551234')).toThrow(SipParseError);
    expect(() => parseSipUri('sip:a@b:99999')).toThrow(SipParseError);
  });

  it('builds a response that copies the transaction headers and tags To past 100', () => {
    const request = parseMessage(crlf(REGISTER)) as SipRequest;
    const trying = buildResponse(request, 100, 'Trying');
    expect(trying.headers.get('To')).toBe('<sip:100@office.example.com>');
    const ok = buildResponse(request, 200, 'OK', { toTag: 'srv1', headers: [['Expires', '600']] });
    expect(ok.headers.get('To')).toBe('<sip:100@office.example.com>;tag=srv1');
    expect(ok.headers.get('CSeq')).toBe('1 REGISTER');
    expect(ok.headers.get('Expires')).toBe('600');
    expect(serializeMessage(ok).toString()).toMatch(
      /^SIP\/2\.0 200 OK\r\nVia: SIP\/2\.0\/WSS abc\.invalid;branch=z9hG4bK776asdhds;rport\r\n/,
    );
  });

  it('copies every Record-Route of the request into an 18x or 2xx, in order, and into nothing else', () => {
    const invite = parseMessage(
      crlf([
        'INVITE sip:+34910000001@office.example.com SIP/2.0',
        'Via: SIP/2.0/UDP 127.0.0.1:5090;branch=z9hG4bKproxy',
        'Via: SIP/2.0/UDP 127.0.0.7:5062;branch=z9hG4bKphone',
        'Record-Route: <sip:127.0.0.1:5090;lr;ftag=a1>',
        'Record-Route: <sip:edge.carrier.test;lr>, <sip:10.0.0.1;lr;x=unknown>',
        'From: <sip:+33123456789@carrier.test>;tag=a1',
        'To: <sip:+34910000001@office.example.com>',
        'Call-ID: rr-1',
        'CSeq: 1 INVITE',
        'Content-Length: 0',
        '',
        '',
      ]),
    ) as SipRequest;
    // The parser keeps one value a line; unknown parameters stay.
    const routes = [
      '<sip:127.0.0.1:5090;lr;ftag=a1>',
      '<sip:edge.carrier.test;lr>',
      '<sip:10.0.0.1;lr;x=unknown>',
    ];
    for (const status of [180, 183, 200, 202])
      expect(buildResponse(invite, status, 'x', { toTag: 't' }).headers.getAll('Record-Route')).toEqual(
        routes,
      );
    for (const status of [100, 302, 486, 503])
      expect(buildResponse(invite, status, 'x', { toTag: 't' }).headers.has('Record-Route')).toBe(false);
    // Serialised in the request's order.
    const text = serializeMessage(buildResponse(invite, 200, 'OK', { toTag: 't' })).toString();
    expect(text.indexOf('ftag=a1')).toBeLessThan(text.indexOf('edge.carrier.test'));
  });
});
