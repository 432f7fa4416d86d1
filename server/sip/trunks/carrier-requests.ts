// The requests the office sends a carrier on its own account: REGISTER and the OPTIONS that
// check the carrier still answers. Each is a plain out-of-dialog request (RFC 3261 §8.1.1).
import { isIP } from 'node:net';
import { SipHeaders } from '../headers';
import type { SipRequest, SipResponse } from '../message';
import { newTag, parseNameAddr, randomHex } from '../fields';
import { ALLOWED_METHODS, type SipStack } from '../stack';
import type { Flow } from '../transports/transport';

const USER_AGENT = 'Switchboard';

/** A host as written in a SIP URI: an IPv6 address in brackets. */
export const uriHost = (host: string) => (isIP(host) === 6 ? `[${host}]` : host);

export interface RequestParts {
  method: 'REGISTER' | 'OPTIONS';
  uri: string;
  from: string;
  to: string;
  callId: string;
  cseq: number;
  headers?: [string, string][];
}

export function carrierRequest(stack: SipStack, flow: Flow, parts: RequestParts): SipRequest {
  const headers = new SipHeaders()
    .append('Via', stack.viaFor(flow))
    .append('Max-Forwards', '70')
    .append('From', parts.from)
    .append('To', parts.to)
    .append('Call-ID', parts.callId)
    .append('CSeq', `${parts.cseq} ${parts.method}`)
    .append('User-Agent', USER_AGENT)
    .append('Allow', ALLOWED_METHODS.join(', '));
  for (const [name, value] of parts.headers ?? []) headers.append(name, value);
  return { kind: 'request', method: parts.method, uri: parts.uri, headers, body: Buffer.alloc(0) };
}

/** An OPTIONS on its own (a new Call-ID each time): any answer at all shows the carrier is there. */
export function optionsRequest(
  stack: SipStack,
  flow: Flow,
  uri: string,
  from: string,
  host: string,
): SipRequest {
  return carrierRequest(stack, flow, {
    method: 'OPTIONS',
    uri,
    from: `<${from}>;tag=${newTag()}`,
    to: `<${uri}>`,
    callId: `${randomHex(12)}@${uriHost(host)}`,
    cseq: 1,
  });
}

/** `403 Forbidden`: the first line of a carrier's answer, for the trunk's last error. */
export const statusLine = (response: SipResponse) => `${response.status} ${response.reason}`.slice(0, 200);

/**
 * The seconds a registrar granted a contact: its `expires` in the 200's Contact for it, else the
 * Expires header, else what was asked (RFC 3261 §10.2.4).
 */
export function grantedSeconds(response: SipResponse, contactUser: string, asked: number): number {
  for (const value of response.headers.getAll('Contact')) {
    try {
      const contact = parseNameAddr(value);
      const expires = contact.params.get('expires');
      if (contact.uri.includes(`:${contactUser}@`) && expires && /^[0-9]{1,10}$/.test(expires))
        return Number(expires);
    } catch {
      // Another contact the registrar lists, unreadable: not ours.
    }
  }
  const header = response.headers.get('Expires');
  return header && /^[0-9]{1,10}$/.test(header) ? Number(header) : asked;
}
