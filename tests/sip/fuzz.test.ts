// Thousands of mutated messages at every transport of the whole SIP service (registrar and call
// control behind the stack): the server must neither crash nor stop answering. Mutations are seeded, so a failure reproduces.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMessage, type SipResponse } from '../../server/sip/message';
import { request, tcpPeer, udpPeer, wsPeer, type Peer } from './support';
import type { TestOffice } from '../support/office';
import { startSecureSipOffice } from '../support/sip-office';
import type { TestCertificate } from '../support/certificate';
import type { SipService } from '../../server/sip/service';
import { seededRandom } from '../support/random';

const SDP =
  'v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\n';

function mutate(random: () => number, transport: string): Buffer {
  const int = (n: number) => Math.floor(random() * n);
  const method = ['INVITE', 'REGISTER', 'OPTIONS', 'BYE', 'INFO', 'CANCEL', 'ACK'][int(7)]!;
  let text = request(method, transport, [], random() < 0.5 ? SDP : '');
  const lines = text.split('\r\n');
  switch (int(10)) {
    case 0: // truncated anywhere
      return Buffer.from(text.slice(0, int(text.length)));
    case 1: // Content-Length that lies
      text = text.replace(/Content-Length: \d+/, `Content-Length: ${[-1, 999_999, 5, 'x', ''][int(5)]}`);
      break;
    case 2: // a header with no colon, or an empty name
      lines.splice(
        1 + int(lines.length - 3),
        0,
        ['no colon here', ': empty name', '\tfold at start'][int(3)]!,
      );
      text = lines.join('\r\n');
      break;
    case 3: // random bytes flipped
      return Buffer.from(Buffer.from(text).map((b) => (random() < 0.03 ? int(256) : b)));
    case 4: // binary garbage
      return Buffer.from(Array.from({ length: 1 + int(2000) }, () => int(256)));
    case 5: // a mandatory header dropped
      return Buffer.from(lines.filter((_, i) => i !== 1 + int(6)).join('\r\n'));
    case 6: // an enormous header value
      lines.splice(2, 0, `X-Long: ${'a'.repeat(int(20_000))}`);
      text = lines.join('\r\n');
      break;
    case 7: // bare LF line ends
      return Buffer.from(text.replace(/\r\n/g, '\n'));
    case 8: // a mangled start line or Via
      text = text.replace(/SIP\/2\.0/, ['SIP/3.0', 'SIP/2.0/', '', 'HTTP/1.1'][int(4)]!);
      break;
    default: // many headers
      lines.splice(2, 0, ...Array.from({ length: 50 + int(200) }, (_, i) => `X-${i}: ${i}`));
      text = lines.join('\r\n');
  }
  return Buffer.from(text);
}

describe('fuzzing every transport of the SIP service', () => {
  let office: TestOffice;
  let sip: SipService;
  let certificate: TestCertificate;
  beforeAll(async () => {
    ({ office, sip, certificate } = await startSecureSipOffice());
  });
  afterAll(async () => {
    await sip?.close();
    await office?.close();
  });

  async function stillAnswers(peer: Peer, transport: string) {
    peer.send(request('OPTIONS', transport));
    let response = parseMessage(await peer.next(5000));
    // Answers to earlier fuzz may still be queued: read on to the OPTIONS answer.
    while (response.kind !== 'response' || response.headers.get('CSeq')?.endsWith('OPTIONS') !== true) {
      response = parseMessage(await peer.next(5000));
    }
    expect((response as SipResponse).status).toBe(200);
  }

  it('survives mutated messages over UDP, TCP, TLS, WebSocket and secure WebSocket and keeps answering', async () => {
    const random = seededRandom(7118);
    const { ports } = sip;
    const trust = certificate.cert;
    const udp = await udpPeer(ports.udp);
    for (let i = 0; i < 3000; i++) {
      udp.send(mutate(random, 'UDP'));
      // Let the server read between bursts, so the fuzz reaches it rather than a full socket buffer.
      if (i % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    // A stream that cannot be framed is dropped, so streams get a fresh connection per batch.
    const streams: [string, () => Promise<Peer>][] = [
      ['TCP', () => tcpPeer(ports.tcp)],
      ['TLS', () => tcpPeer(ports.tls!, trust)],
      ['WS', () => wsPeer(ports.ws)],
      ['WSS', () => wsPeer(ports.wss!, 'sip', trust)],
    ];
    for (const [transport, connect] of streams) {
      for (let batch = 0; batch < 6; batch++) {
        const peer = await connect();
        for (let i = 0; i < 50; i++) peer.send(mutate(random, transport));
        peer.close();
      }
    }
    // The last batches may still be in the server's sockets: wait for them, not for a fixed time.
    await expect.poll(() => sip.stack.stats.received, { timeout: 10_000 }).toBeGreaterThan(2500);
    await expect.poll(() => sip.stack.stats.malformed, { timeout: 10_000 }).toBeGreaterThan(1500);
    // Bad input is refused by the parser and the handlers; the safety net is for bugs only.
    expect(sip.stack.stats.caught).toBe(0);

    const fresh: [string, () => Promise<Peer>][] = [['UDP', () => udpPeer(ports.udp)], ...streams];
    for (const [transport, connect] of fresh) {
      const peer = await connect();
      await stillAnswers(peer, transport);
      peer.close();
    }
    udp.close();
  }, 60_000);
});
