// A desk phone over raw UDP for tests that need to see every byte: REGISTER with digest, and
// the digest answer for any request.
import { expect } from 'vitest';
import { parseMessage, type SipResponse } from '../../server/sip/message';
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
