// The SIP WebSocket, plain and secure, lets in the portal's own pages and clients that send no
// Origin (native phones, sip.js in Node), and refuses any other web page.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMessage, type SipResponse } from '../../server/sip/message';
import { startSecureSipOffice, type SipOffice } from '../support/sip-office';
import type { TestCertificate } from '../support/certificate';
import { request } from './support';

/** The HTTP status of the upgrade, or 101 and an OPTIONS answered over the open socket. */
function connect(url: string, trust: Buffer, origin?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, 'sip', { ca: trust, ...(origin && { origin }) });
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', reject);
    socket.once('open', () => socket.send(request('OPTIONS', 'WS')));
    socket.once('message', (data: Buffer) => {
      expect((parseMessage(Buffer.from(data)) as SipResponse).status).toBe(200);
      socket.close();
      resolve(101);
    });
  });
}

describe('the SIP WebSocket and the Origin header', () => {
  let started: SipOffice & { certificate: TestCertificate };
  beforeAll(async () => {
    started = await startSecureSipOffice();
  });
  afterAll(() => started?.close());

  it.each(['ws', 'wss'] as const)(
    'over %s: the portal and no Origin get in, another site does not',
    async (scheme) => {
      const { sip, office, certificate } = started;
      const url = `${scheme}://127.0.0.1:${scheme === 'ws' ? sip.ports.ws : sip.ports.wss}`;
      expect(office.office.config.sipAllowedOrigins).toEqual(['http://portal.example.com']);
      expect(await connect(url, certificate.cert)).toBe(101);
      expect(await connect(url, certificate.cert, 'http://portal.example.com')).toBe(101);
      expect(await connect(url, certificate.cert, 'https://evil.example.net')).toBe(403);
      expect(await connect(url, certificate.cert, 'http://portal.example.com.evil.example.net')).toBe(403);
      expect(await connect(url, certificate.cert, 'null')).toBe(403);
    },
  );
});
