import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMessage, type SipResponse } from '../../server/sip/message';
import { buildResponse, parseVia } from '../../server/sip/fields';
import { request, startStack, tcpPeer, udpPeer, wsPeer, type Peer } from './support';

type Started = Awaited<ReturnType<typeof startStack>>;

describe('the SIP stack over real sockets', () => {
  let sip: Started;
  beforeAll(async () => {
    sip = await startStack();
  });
  afterAll(() => sip?.stack.close());

  const peers: [string, () => Promise<Peer>][] = [
    ['UDP', () => udpPeer(sip.udp.port)],
    ['TCP', () => tcpPeer(sip.tcp.port)],
    ['WS', () => wsPeer(sip.ws.port)],
  ];

  it.each(peers)(
    'answers OPTIONS over %s and refuses a malformed request with 400',
    async (transport, connect) => {
      const peer = await connect();
      try {
        peer.send(request('OPTIONS', transport));
        const ok = parseMessage(await peer.next()) as SipResponse;
        expect(ok.status).toBe(200);
        expect(ok.headers.getAll('Allow')).toContain('REGISTER');
        const via = parseVia(ok.headers.get('Via')!);
        expect(via.params.get('received')).toBe('127.0.0.1');
        expect(Number(via.params.get('rport'))).toBeGreaterThan(0);

        peer.send(request('OPTIONS', transport).replace(/CSeq: (\d+) OPTIONS/, 'CSeq: $1 INVITE'));
        const bad = parseMessage(await peer.next()) as SipResponse;
        expect(bad.status).toBe(400);
        expect(bad.reason).toContain('CSeq method does not match');
      } finally {
        peer.close();
      }
    },
  );

  it('answers CRLF keep-alives over TCP and WebSocket', async () => {
    for (const connect of [() => tcpPeer(sip.tcp.port), () => wsPeer(sip.ws.port)]) {
      const peer = await connect();
      peer.send('\r\n\r\n');
      expect((await peer.next()).toString()).toBe('\r\n');
      peer.close();
    }
  });

  it('refuses a WebSocket that does not speak the sip subprotocol', async () => {
    await expect(wsPeer(sip.ws.port, 'chat')).rejects.toThrow();
  });

  it('tells the registrar when a connection closes', async () => {
    const peer = await tcpPeer(sip.tcp.port);
    const closed = new Promise<string>((resolve) => sip.tcp.once('closed', resolve));
    peer.close();
    expect(await closed).toMatch(/^tcp-/);
  });

  it('answers a retransmitted UDP request again without running its handler twice', async () => {
    let calls = 0;
    sip.stack.handle('INFO', (req) => {
      calls++;
      return buildResponse(req, 200, 'OK');
    });
    const peer = await udpPeer(sip.udp.port);
    const info = request('INFO', 'UDP');
    peer.send(info);
    const first = await peer.next();
    peer.send(info); // as if our 200 had been lost
    const second = await peer.next();
    expect(second.equals(first)).toBe(true);
    expect(calls).toBe(1);
    expect(sip.stack.stats.retransmissions).toBeGreaterThanOrEqual(1);
    peer.close();
  });

  it('answers a method nobody handles with 405 and the Allow list', async () => {
    const peer = await udpPeer(sip.udp.port);
    peer.send(request('PUBLISH', 'UDP'));
    const response = parseMessage(await peer.next()) as SipResponse;
    expect(response.status).toBe(405);
    expect(response.headers.getAll('Allow')).toContain('INVITE');
    peer.close();
  });
});
