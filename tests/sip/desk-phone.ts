// A desk phone over raw UDP for tests that need to see every byte: REGISTER and SUBSCRIBE with
// digest, and the digest answer for any request.
import { expect } from 'vitest';
import { parseMessage, serializeMessage, type SipRequest, type SipResponse } from '../../server/sip/message';
import { buildResponse } from '../../server/sip/fields';
import { digestResponse, parseDigestParams } from '../../server/sip/digest';
import type { Peer } from './support';

import { DOMAIN } from '../support/sip-office';

export { DOMAIN };
let sequence = 0;

/** A REGISTER as a desk phone would send it over UDP, optionally answering a challenge. */
export function register(
  peer: Peer,
  extension: string,
  options: {
    contact?: string;
    expires?: number;
    authorization?: string;
    callId?: string;
    /** More header lines, as written (a proxy's Via before ours, Supported…). */
    headers?: string[];
  } = {},
): string {
  sequence++;
  return [
    `REGISTER sip:${DOMAIN} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${peer.localPort};branch=z9hG4bKreg${sequence};rport`,
    ...(options.headers ?? []),
    'Max-Forwards: 70',
    `To: <sip:${extension}@${DOMAIN}>`,
    `From: <sip:${extension}@${DOMAIN}>;tag=reg${sequence}`,
    `Call-ID: ${options.callId ?? 'desk-phone-call-id'}`,
    `CSeq: ${sequence} REGISTER`,
    `Contact: ${options.contact ?? `<sip:${extension}@127.0.0.1:${peer.localPort}>`}`,
    `Expires: ${options.expires ?? 600}`,
    ...(options.authorization ? [`Authorization: ${options.authorization}`] : []),
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

/** The Authorization value answering a challenge for `method` on `uri`. */
export function authorization(
  challenge: string,
  username: string,
  password: string,
  nc = '00000001',
  method = 'REGISTER',
  uri = `sip:${DOMAIN}`,
) {
  const params = parseDigestParams(challenge)!;
  const nonce = params.get('nonce')!;
  const algorithm = params.get('algorithm') as 'SHA-256' | 'MD5';
  const response = digestResponse({
    algorithm,
    username,
    realm: DOMAIN,
    password,
    method,
    uri,
    nonce,
    qop: { nc, cnonce: 'abc123' },
  });
  return `Digest username="${username}", realm="${DOMAIN}", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=${algorithm}, qop=auth, nc=${nc}, cnonce="abc123"`;
}

export async function exchange(peer: Peer, message: string): Promise<SipResponse> {
  peer.send(message);
  return parseMessage(await peer.next(5000)) as SipResponse;
}

/** REGISTER, take the challenge, answer it: the final response. */
export async function registerWithDigest(
  peer: Peer,
  extension: string,
  username: string,
  password: string,
  extra: Parameters<typeof register>[2] = {},
) {
  const challenge = await exchange(peer, register(peer, extension, extra));
  expect(challenge.status).toBe(401);
  const header = challenge.headers.getAll('WWW-Authenticate')[0]!;
  return exchange(
    peer,
    register(peer, extension, { ...extra, authorization: authorization(header, username, password) }),
  );
}

/** A desk phone's socket and the device credentials it holds. */
export interface Phone {
  peer: Peer;
  extension: string;
  sipUsername: string;
  sipPassword: string;
}

/** What a SUBSCRIBE's Accept names for each package the office serves. */
const ACCEPT: Record<string, string> = {
  'message-summary': 'application/simple-message-summary',
  dialog: 'application/dialog-info+xml',
};

export interface SubscribeOptions {
  callId: string;
  toTag?: string;
  expires?: number;
  /** The event package; message-summary unless given. */
  event?: string;
}

/** A SUBSCRIBE as a desk phone sends it over UDP. */
export function subscribe(
  phone: Phone,
  target: string,
  options: SubscribeOptions & { authorization?: string },
): string {
  const event = options.event ?? 'message-summary';
  sequence++;
  return [
    `SUBSCRIBE sip:${target}@${DOMAIN} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${phone.peer.localPort};branch=z9hG4bKmwi${sequence};rport`,
    'Max-Forwards: 70',
    `To: <sip:${target}@${DOMAIN}>${options.toTag ? `;tag=${options.toTag}` : ''}`,
    `From: <sip:${phone.extension}@${DOMAIN}>;tag=from-${options.callId}`,
    `Call-ID: ${options.callId}`,
    `CSeq: ${sequence} SUBSCRIBE`,
    `Contact: <sip:${phone.extension}@127.0.0.1:${phone.peer.localPort}>`,
    `Event: ${event}`,
    `Accept: ${ACCEPT[event] ?? 'application/pidf+xml'}`,
    `Expires: ${options.expires ?? 600}`,
    ...(options.authorization ? [`Authorization: ${options.authorization}`] : []),
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

/** The next message of a kind; NOTIFYs are answered 200 as a phone would. */
export async function next<K extends 'request' | 'response'>(
  phone: Phone,
  kind: K,
): Promise<K extends 'request' ? SipRequest : SipResponse> {
  for (;;) {
    const message = parseMessage(await phone.peer.next(5000));
    if (message.kind === 'request') phone.peer.send(serializeMessage(buildResponse(message, 200, 'OK')));
    if (message.kind === kind) return message as K extends 'request' ? SipRequest : SipResponse;
  }
}

/** SUBSCRIBE, answer the 401, send again: the final response. */
export async function subscribeWithDigest(
  phone: Phone,
  target: string,
  options: SubscribeOptions,
): Promise<SipResponse> {
  phone.peer.send(subscribe(phone, target, options));
  const challenge = await next(phone, 'response');
  if (challenge.status !== 401) return challenge;
  const answer = authorization(
    challenge.headers.getAll('WWW-Authenticate')[0]!,
    phone.sipUsername,
    phone.sipPassword,
    '00000001',
    'SUBSCRIBE',
    `sip:${target}@${DOMAIN}`,
  );
  phone.peer.send(subscribe(phone, target, { ...options, authorization: answer }));
  return next(phone, 'response');
}
