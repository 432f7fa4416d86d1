// A carrier may challenge the office's INVITE (a registrar's 401, a proxy's 407, RFC 3261
// §22.2): the INVITE goes again, the same call (Call-ID, From tag) with its CSeq one higher and a
// new branch, carrying the digest answer. Only once: a second challenge means the credentials are
// wrong, and the call is refused.
import { DigestClient, pickChallenge } from '../digest-client';
import { newBranch } from '../fields';
import { SipHeaders } from '../headers';
import { cseqOf, type SipRequest, type SipResponse } from '../message';
import type { SipStack } from '../stack';
import type { Flow } from '../transports/transport';

/** What the office answers a carrier's challenge with: the trunk's account. */
export interface DigestCredentials {
  username: string;
  password: string;
}

export const isChallenge = (response: SipResponse) => response.status === 401 || response.status === 407;

/** The INVITE again with the answer to `challenge`; null when it offers nothing this office can answer. */
export function answeredInvite(
  stack: SipStack,
  flow: Flow,
  invite: SipRequest,
  challenge: SipResponse,
  credentials: DigestCredentials,
): SipRequest | null {
  const proxy = challenge.status === 407;
  const picked = pickChallenge(challenge.headers.getAll(proxy ? 'Proxy-Authenticate' : 'WWW-Authenticate'));
  if (!picked) return null;
  const digest = new DigestClient(credentials.username, credentials.password);
  digest.challenged(picked);
  const headers = new SipHeaders();
  for (const [name, value] of invite.headers.entries()) {
    if (name === 'Via') headers.append('Via', stack.viaFor(flow, newBranch()));
    else if (name === 'CSeq') headers.append('CSeq', `${cseqOf(invite).seq + 1} INVITE`);
    else headers.append(name, value);
  }
  headers.append(
    proxy ? 'Proxy-Authorization' : 'Authorization',
    digest.authorization('INVITE', invite.uri)!,
  );
  return { ...invite, headers };
}
