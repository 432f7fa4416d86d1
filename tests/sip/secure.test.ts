import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { TestOffice } from '../support/office';
import { startSecureSipOffice } from '../support/sip-office';
import type { TestCertificate } from '../support/certificate';
import type { SipService } from '../../server/sip/service';
import { parseMessage, type SipResponse } from '../../server/sip/message';
import { request, tcpPeer } from './support';
import { DOMAIN } from './desk-phone';
import { TestPhone, reaches, SessionState } from './softphone';

describe('SIP over TLS and secure WebSocket with a configured certificate', () => {
  let office: TestOffice;
  let sip: SipService;
  let certificate: TestCertificate;

  beforeAll(async () => {
    ({ office, sip, certificate } = await startSecureSipOffice());
    // sip.js opens its WebSocket with the global constructor: this one trusts the test certificate.
    const trust = certificate.cert;
    class TrustingWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { ca: trust });
      }
    }
    (globalThis as { WebSocket?: unknown }).WebSocket = TrustingWebSocket;
  });
  afterAll(async () => {
    (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
    await sip?.close();
    await office?.close();
  });

  it('answers over TLS and, offering both digests, offers SHA-256 first there', async () => {
    const changed = await office.request('PATCH', '/admin/company', {
      token: await office.adminToken(),
      body: { security: { sipDigestAlgorithms: 'both' } },
    });
    expect(changed.status).toBe(200);
    const peer = await tcpPeer(sip.ports.tls!, certificate.cert);
    peer.send(request('OPTIONS', 'TLS'));
    expect((parseMessage(await peer.next()) as SipResponse).status).toBe(200);
    const challenges = async () => {
      peer.send(request('REGISTER', 'TLS'));
      const challenge = parseMessage(await peer.next()) as SipResponse;
      expect(challenge.status).toBe(401);
      return challenge.headers.getAll('WWW-Authenticate').map((c) => /algorithm=([\w-]+)/.exec(c)?.[1]);
    };
    await expect.poll(challenges).toEqual(['SHA-256', 'MD5']);
    peer.close();
  });

  it('puts a softphone on secure WebSocket and connects its call to one on plain WebSocket', async () => {
    const admin = await office.adminToken();
    const sam = await office.createSignedInUser(admin, 'Secure Sam');
    const pat = await office.createSignedInUser(admin, 'Plain Pat');
    const servers = (await office.request('GET', '/me/softphone', { token: sam.token })).body
      .websocketServers;
    expect(servers).toEqual([`wss://127.0.0.1:${sip.ports.wss}`, `ws://127.0.0.1:${sip.ports.ws}`]);
    const samPhone = await TestPhone.ofUser(office, sam.token, 'Secure Sam', 0);
    const patPhone = await TestPhone.ofUser(office, pat.token, 'Plain Pat', 1);
    expect(sip.registrar.contactsOf(sam.extension)[0]!.flow.transport).toBe('WSS');
    expect(sip.registrar.contactsOf(pat.extension)[0]!.flow.transport).toBe('WS');

    const { session, final } = samPhone.dial(`sip:${pat.extension}@${DOMAIN}`);
    const ringing = await patPhone.nextInvitation();
    await ringing.accept();
    expect(await final).toBe(200);
    await reaches(session, SessionState.Established);
    await session.bye();
    await reaches(ringing, SessionState.Terminated);
    await Promise.all([samPhone.stop(), patPhone.stop()]);
  });
});
