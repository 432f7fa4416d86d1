// A phone's side of SIP for the attack scripts: the owner's softphone account from the API, and
// REGISTER with digest or OPTIONS over a connection the script opened (TCP, WebSocket or UDP).
// Branches and Call-IDs carry the process id: scripts run one after another against the same
// office, and a request that repeats an earlier one's branch is taken for its retransmission.
import { digestResponse, parseDigestParams } from '../../server/sip/digest';
import { parseMessage, type SipResponse } from '../../server/sip/message';
import type { Peer } from '../sip/support';
import { call } from './client';

export interface SipAccount {
  extension: string;
  username: string;
  password: string;
  domain: string;
}

export async function softphoneAccount(baseUrl: string, token: string): Promise<SipAccount> {
  const reply = await call(baseUrl, 'GET', '/me/softphone', token);
  if (reply.status !== 200) throw new Error(`no softphone account: ${JSON.stringify(reply.body)}`);
  const [, extension, domain] = /^sip:([^@]+)@(.+)$/.exec(reply.body.sipUri as string)!;
  return {
    extension: extension!,
    username: reply.body.authorizationUsername,
    password: reply.body.password,
    domain: domain!,
  };
}

let sequence = 0;

function registerRequest(account: SipAccount, transport: string, peer: Peer, authorization?: string): string {
  sequence++;
  const aor = `sip:${account.extension}@${account.domain}`;
  // A WebSocket has no port of its own to name (RFC 7118 §5.2 uses an invented host).
  const port = peer.localPort || 5099;
  return [
    `REGISTER sip:${account.domain} SIP/2.0`,
    `Via: SIP/2.0/${transport} attacker.invalid:${port};branch=z9hG4bKatk${process.pid}x${sequence};rport`,
    'Max-Forwards: 70',
    `To: <${aor}>`,
    `From: <${aor}>;tag=atk${sequence}`,
    `Call-ID: attack-register-${process.pid}-${sequence}`,
    `CSeq: ${sequence} REGISTER`,
    `Contact: <sip:${account.extension}@attacker.invalid:${port};transport=${transport.toLowerCase()}>`,
    'Expires: 600',
    ...(authorization ? [`Authorization: ${authorization}`] : []),
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

function answer(challenge: SipResponse, account: SipAccount): string {
  const offered = challenge.headers.getAll('WWW-Authenticate').map((h) => parseDigestParams(h)!);
  const params = offered.find((p) => p.get('algorithm') === 'MD5') ?? offered[0]!;
  const uri = `sip:${account.domain}`;
  const nonce = params.get('nonce')!;
  const realm = params.get('realm')!;
  const algorithm = params.get('algorithm') === 'SHA-256' ? 'SHA-256' : 'MD5';
  const qop = { nc: '00000001', cnonce: `c${sequence}` };
  const response = digestResponse({
    algorithm,
    username: account.username,
    realm,
    password: account.password,
    method: 'REGISTER',
    uri,
    nonce,
    qop,
  });
  return (
    `Digest username="${account.username}", realm="${realm}", nonce="${nonce}", uri="${uri}", ` +
    `response="${response}", algorithm=${algorithm}, qop=auth, nc=${qop.nc}, cnonce="${qop.cnonce}"`
  );
}

/** REGISTERs over the peer, answering the challenge: the final status (0 when nothing came back). */
export async function register(
  peer: Peer,
  transport: string,
  account: SipAccount,
  timeoutMs = 5_000,
): Promise<number> {
  try {
    peer.send(registerRequest(account, transport, peer));
    const challenge = parseMessage(await peer.next(timeoutMs)) as SipResponse;
    if (challenge.status !== 401) return challenge.status;
    peer.send(registerRequest(account, transport, peer, answer(challenge, account)));
    return (parseMessage(await peer.next(timeoutMs)) as SipResponse).status;
  } catch {
    return 0;
  }
}

/** Whether an OPTIONS over the peer is answered 200 within `timeoutMs`. */
export async function answersOptions(peer: Peer, transport: string, timeoutMs = 5_000): Promise<boolean> {
  sequence++;
  const options = [
    `OPTIONS sip:attacker.invalid SIP/2.0`,
    `Via: SIP/2.0/${transport} attacker.invalid:${peer.localPort || 5099};branch=z9hG4bKopt${process.pid}x${sequence};rport`,
    'Max-Forwards: 70',
    'To: <sip:attacker.invalid>',
    `From: <sip:probe@attacker.invalid>;tag=opt${sequence}`,
    `Call-ID: attack-options-${process.pid}-${sequence}`,
    `CSeq: ${sequence} OPTIONS`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
  try {
    peer.send(options);
    return (parseMessage(await peer.next(timeoutMs)) as SipResponse).status === 200;
  } catch {
    return false;
  }
}
