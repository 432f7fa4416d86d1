import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TestOffice } from '../support/office';
import { freeTcpPort } from '../support/ports';
import { makeCertificate, type TestCertificate } from '../support/certificate';
import { startSipService, type SipService } from '../../server/sip/service';
import { parseMessage, type SipResponse } from '../../server/sip/message';
import { request, tcpPeer } from './support';
import { DOMAIN } from './desk-phone';
import { TestPhone, reaches, SessionState } from './softphone';

describe('SIP over TLS and secure WebSocket with a configured certificate', () => {
  let office: TestOffice;
  let sip: SipService;
  let certificate: TestCertificate;

  beforeAll(async () => {
    certificate = await makeCertificate();
    office = await TestOffice.start('sqlite', {
      sipDomain: DOMAIN,
      sipUdpPort: 0,
      sipTcpPort: 0,
      sipWsPort: await freeTcpPort(),
      sipTls: {
        certFile: certificate.certFile,
        keyFile: certificate.keyFile,
        tlsPort: 0,
        wssPort: await freeTcpPort(),
      },
    });
    sip = await startSipService(office.office);
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

  it('answers over TLS and offers SHA-256 digest first there', async () => {
    const peer = await tcpPeer(sip.ports.tls!, certificate.cert);
    peer.send(request('OPTIONS', 'TLS'));
    expect((parseMessage(await peer.next()) as SipResponse).status).toBe(200);
    peer.send(request('REGISTER', 'TLS'));
    const challenge = parseMessage(await peer.next()) as SipResponse;
    expect(challenge.status).toBe(401);
    expect(challenge.headers.getAll('WWW-Authenticate')[0]).toContain('algorithm=SHA-256');
    peer.close();
  });

  it('puts a softphone on secure WebSocket and connects its call to one on plain WebSocket', async () => {
    const admin = await office.adminToken();
    const people = [];
    for (const name of ['Secure Sam', 'Plain Pat']) {
      const user = await office.createSignedInUser(admin, name);
      const config = (await office.request('GET', '/me/softphone', { token: user.token })).body;
      people.push({ ...user, config });
    }
    const [sam, pat] = people as [(typeof people)[0], (typeof people)[0]];
    expect(sam.config.websocketServers[0]).toMatch(/^wss:\/\//);
    const phone = (who: typeof sam, server: string) =>
      TestPhone.start(who.config.authorizationUsername, {
        sipUri: who.config.sipUri,
        authorizationUsername: who.config.authorizationUsername,
        password: who.config.password,
        websocketServer: server,
      });
    const samPhone = await phone(sam, sam.config.websocketServers[0]);
    const patPhone = await phone(pat, pat.config.websocketServers[1]);
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
