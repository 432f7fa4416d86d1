// A request from a forged UDP source must not draw more than it sent: unauthenticated INVITEs
// and REGISTERs are challenged statelessly, once, with no 100 Trying before the challenge.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMessage, type SipResponse } from '../../server/sip/message';
import { useSipOffice } from '../support/sip-office';
import { udpPeer, type Peer } from './support';
import { DOMAIN, register } from './desk-phone';

const TIMERS = { t1: 20, t2: 160, t4: 200 };
/** Past Timer H (64·T1): every retransmission a transaction could send has been sent. */
const WINDOW_MS = 64 * TIMERS.t1 + 300;

let sequence = 0;
function invite(peer: Peer, options: { host?: string; proxyAuthorization?: string } = {}): string {
  sequence++;
  return [
    `INVITE sip:100@${options.host ?? DOMAIN} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${peer.localPort};branch=z9hG4bKamp${sequence};rport`,
    'Max-Forwards: 70',
    `From: <sip:666@${DOMAIN}>;tag=amp${sequence}`,
    `To: <sip:100@${DOMAIN}>`,
    `Call-ID: amplification-${sequence}`,
    `CSeq: 1 INVITE`,
    `Contact: <sip:666@127.0.0.1:${peer.localPort}>`,
    ...(options.proxyAuthorization ? [`Proxy-Authorization: ${options.proxyAuthorization}`] : []),
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

/** Every answer the peer receives within the window after sending `message` `times` times. */
async function answersTo(peer: Peer, message: string, times = 1): Promise<SipResponse[]> {
  for (let i = 0; i < times; i++) peer.send(message);
  const received: SipResponse[] = [];
  const until = Date.now() + WINDOW_MS;
  for (;;) {
    const left = until - Date.now();
    if (left <= 0) return received;
    try {
      received.push(parseMessage(await peer.next(left)) as SipResponse);
    } catch {
      return received;
    }
  }
}

describe('answers that could amplify a forged request', () => {
  const started = useSipOffice({}, { timers: TIMERS });
  let peer: Peer;
  beforeAll(async () => {
    peer = await udpPeer(started.sip.ports.udp);
  });
  afterAll(() => peer?.close());

  it('challenges an INVITE without credentials with one 407 and keeps no transaction', async () => {
    const before = started.sip.stack.stats.stateless;
    const answers = await answersTo(peer, invite(peer));
    expect(answers.map((a) => a.status)).toEqual([407]);
    expect(started.sip.stack.stats.stateless).toBe(before + 1);
  });

  it('answers a retransmitted INVITE with the same single challenge again', async () => {
    const answers = await answersTo(peer, invite(peer), 2);
    expect(answers.map((a) => a.status)).toEqual([407, 407]);
  });

  it('refuses made-up credentials and a foreign domain with one answer each', async () => {
    const forged = `Digest username="d0000nobody", realm="${DOMAIN}", nonce="x.y.z", uri="sip:100@${DOMAIN}", response="00", algorithm=MD5`;
    expect(
      (await answersTo(peer, invite(peer, { proxyAuthorization: forged }))).map((a) => a.status),
    ).toEqual([407]);
    expect(
      (await answersTo(peer, invite(peer, { host: 'elsewhere.example.org' }))).map((a) => a.status),
    ).toEqual([403]);
  });

  it('challenges a REGISTER without credentials statelessly too', async () => {
    const before = started.sip.stack.stats.stateless;
    expect((await answersTo(peer, register(peer, '100'))).map((a) => a.status)).toEqual([401]);
    expect(started.sip.stack.stats.stateless).toBe(before + 1);
  });
});
