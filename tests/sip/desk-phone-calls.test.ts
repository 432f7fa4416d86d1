// Calls with a desk phone over raw UDP, to see the bytes: a lost INVITE is sent again on
// Timer A, and INVITE's own digest refuses what REGISTER's refuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMessage, serializeMessage, type SipRequest, type SipResponse } from '../../server/sip/message';
import { buildResponse } from '../../server/sip/fields';
import type { TestOffice } from '../support/office';
import { startSipOffice } from '../support/sip-office';
import type { SipService } from '../../server/sip/service';
import { udpPeer, type Peer } from './support';
import { DOMAIN, authorization, registerWithDigest } from './desk-phone';
import { TestPhone, reaches, SessionState } from './softphone';

const SDP =
  'v=0\r\no=desk 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 7000 RTP/AVP 0\r\n';
let sequence = 0;

function invite(peer: Peer, from: string, to: string, proxyAuthorization?: string): string {
  sequence++;
  return [
    `INVITE sip:${to}@${DOMAIN} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:${peer.localPort};branch=z9hG4bKinv${sequence};rport`,
    'Max-Forwards: 70',
    `From: <sip:${from}@${DOMAIN}>;tag=caller${sequence}`,
    `To: <sip:${to}@${DOMAIN}>`,
    `Call-ID: desk-call-${sequence}`,
    `CSeq: ${sequence} INVITE`,
    `Contact: <sip:${from}@127.0.0.1:${peer.localPort}>`,
    ...(proxyAuthorization ? [`Proxy-Authorization: ${proxyAuthorization}`] : []),
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

/** The first final answer (past 100 Trying) the peer gets. */
async function finalAnswer(peer: Peer): Promise<SipResponse> {
  for (;;) {
    const response = parseMessage(await peer.next(5000)) as SipResponse;
    if (response.status >= 200) return response;
  }
}

describe('desk phones over UDP in calls', () => {
  let office: TestOffice;
  let sip: SipService;
  let admin: string;
  let caller: { token: string; extension: string };
  let calleeUser: { token: string; extension: string };
  let desk: { id: string; sipUsername: string; sipPassword: string };

  beforeAll(async () => {
    ({ office, sip } = await startSipOffice());
    admin = await office.adminToken();
    caller = await office.createSignedInUser(admin, 'Desk Caller');
    calleeUser = await office.createSignedInUser(admin, 'Desk Callee');
    desk = (
      await office.request('POST', '/admin/devices', {
        token: admin,
        body: { kind: 'desk-phone', model: 'Raw UDP', extension: calleeUser.extension },
      })
    ).body;
  });
  afterAll(async () => {
    await sip?.close();
    await office?.close();
  });

  it.each([
    {
      name: 'sends a lost INVITE again on Timer A: the desk phone answers the second copy',
      loseFirst: true,
      contact: (port: number) => `<sip:${calleeUser.extension}@127.0.0.1:${port}>`,
    },
    {
      name: 'connects a desk phone whose 200 has an unreadable Contact, and still reaches it with BYE',
      loseFirst: false,
      contact: () => '<sip:broken',
    },
  ])('$name', async ({ loseFirst, contact }) => {
    const phone = await udpPeer(sip.ports.udp);
    expect(
      (await registerWithDigest(phone, calleeUser.extension, desk.sipUsername, desk.sipPassword)).status,
    ).toBe(200);
    const softphone = await TestPhone.ofUser(office, caller.token, 'caller');
    const { session, final } = softphone.dial(`sip:${calleeUser.extension}@${DOMAIN}`);

    let received = await phone.next();
    if (loseFirst) {
      const sentAt = Date.now();
      const again = await phone.next(2000);
      expect(Date.now() - sentAt).toBeGreaterThanOrEqual(400); // T1 = 500 ms
      expect(again.toString()).toBe(received.toString());
      received = again;
    }
    const request = parseMessage(received) as SipRequest;
    expect(request.method).toBe('INVITE');
    expect(request.uri).toBe(`sip:${calleeUser.extension}@127.0.0.1:${phone.localPort}`);

    phone.send(serializeMessage(buildResponse(request, 180, 'Ringing', { toTag: 'desk' })));
    phone.send(
      serializeMessage(
        buildResponse(request, 200, 'OK', {
          toTag: 'desk',
          headers: [['Contact', contact(phone.localPort)]],
          body: Buffer.from(SDP),
          contentType: 'application/sdp',
        }),
      ),
    );
    expect(await final).toBe(200);
    expect(softphone.lastSdpFor(session)).toContain('o=desk');
    const ack = parseMessage(await phone.next()) as SipRequest;
    expect(ack.method).toBe('ACK');
    expect(ack.body.toString()).toBe(''); // the softphone's offer went in the INVITE

    await session.bye();
    const bye = parseMessage(await phone.next()) as SipRequest;
    expect(bye.method).toBe('BYE');
    phone.send(serializeMessage(buildResponse(bye, 200, 'OK')));
    await reaches(session, SessionState.Terminated);
    await softphone.stop();
    phone.close();
  });

  it('asks for, checks and refuses INVITE credentials: 407, wrong password, replay, stale nonce, released device', async () => {
    const caller2 = await office.createSignedInUser(admin, 'Desk Caller Two');
    const phoneDevice = (
      await office.request('POST', '/admin/devices', {
        token: admin,
        body: { kind: 'desk-phone', model: 'Raw UDP', extension: caller2.extension },
      })
    ).body;
    const peer = await udpPeer(sip.ports.udp);
    const ask = async (proxyAuthorization?: string) => {
      peer.send(invite(peer, caller2.extension, '999', proxyAuthorization));
      return finalAnswer(peer);
    };
    const answer = (challenge: SipResponse, password = phoneDevice.sipPassword) =>
      authorization(
        challenge.headers.getAll('Proxy-Authenticate')[0]!,
        phoneDevice.sipUsername,
        password,
        '00000001',
        'INVITE',
        `sip:999@${DOMAIN}`,
      );

    const challenge = await ask();
    expect(challenge.status).toBe(407);
    expect(challenge.headers.getAll('Proxy-Authenticate')[0]).toContain('algorithm=MD5');
    expect((await ask(answer(challenge, 'wrong-password'))).status).toBe(407);

    const good = answer(await ask());
    // Past authentication, 999 is simply not an extension.
    expect((await ask(good)).status).toBe(404);
    expect((await ask(good)).status).toBe(407); // the same answer again is a replay

    const old = await ask();
    office.advance(6 * 60_000);
    const stale = await ask(answer(old));
    expect(stale.status).toBe(407);
    expect(stale.headers.getAll('Proxy-Authenticate')[0]).toContain('stale=true');

    await office.request('DELETE', `/admin/devices/${phoneDevice.id}`, { token: admin });
    // A deleted device is answered as an unknown one, and so as a wrong password.
    expect((await ask(answer(await ask()))).status).toBe(407);
    peer.close();
  });
});
