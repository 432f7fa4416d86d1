// A desk phone's message-waiting side over raw UDP: SUBSCRIBE with digest, NOTIFYs answered.
import { parseMessage, serializeMessage, type SipRequest, type SipResponse } from '../../server/sip/message';
import { buildResponse } from '../../server/sip/fields';
import type { Peer } from './support';
import { DOMAIN, authorization } from './desk-phone';

export interface Phone {
  peer: Peer;
  extension: string;
  sipUsername: string;
  sipPassword: string;
}

let sequence = 0;

export function subscribe(
  phone: Phone,
  target: string,
  options: { callId: string; toTag?: string; expires?: number; event?: string; authorization?: string },
): string {
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
    `Event: ${options.event ?? 'message-summary'}`,
    'Accept: application/simple-message-summary',
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
  options: { callId: string; toTag?: string; expires?: number; event?: string },
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
