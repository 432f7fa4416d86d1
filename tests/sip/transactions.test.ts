// Transactions over real UDP with short timers (T1 = 20 ms), so Timers A, B, E, F, G and H run
// in well under a second.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMessage, serializeMessage, type SipRequest, type SipResponse } from '../../server/sip/message';
import { SipHeaders } from '../../server/sip/headers';
import { buildResponse, parseVia } from '../../server/sip/fields';
import type { Flow } from '../../server/sip/transports/transport';
import { request, startStack, udpPeer, type Peer } from './support';

const T1 = 20;
const T2 = 80;

type Started = Awaited<ReturnType<typeof startStack>>;

/** Every message the peer gets until `ms` have passed. */
async function collect(peer: Peer, ms: number): Promise<Buffer[]> {
  const seen: Buffer[] = [];
  const until = Date.now() + ms;
  for (;;) {
    const left = until - Date.now();
    if (left <= 0) return seen;
    try {
      seen.push(await peer.next(left));
    } catch {
      return seen;
    }
  }
}

function outgoing(sip: Started, method: string, peer: Peer): { flow: Flow; message: SipRequest } {
  const flow: Flow = { transport: 'UDP', address: '127.0.0.1', port: peer.localPort, connectionId: null };
  const headers = new SipHeaders();
  headers.append('Via', sip.stack.viaFor(flow));
  headers.append('From', '<sip:switchboard@office.example.com>;tag=abc');
  headers.append('To', '<sip:200@office.example.com>');
  headers.append('Call-ID', `tx-${method}-${Date.now()}`);
  headers.append('CSeq', `1 ${method}`);
  headers.append('Max-Forwards', '70');
  return {
    flow,
    message: {
      kind: 'request',
      method,
      uri: `sip:200@127.0.0.1:${peer.localPort}`,
      headers,
      body: Buffer.alloc(0),
    },
  };
}

describe('SIP transactions over UDP', () => {
  let sip: Started;
  beforeAll(async () => {
    sip = await startStack({ t1: T1, t2: T2, t4: 100 });
  });
  afterAll(() => sip?.stack.close());

  it('retransmits an unanswered INVITE on Timer A, doubling, and gives up with 408 on Timer B', async () => {
    const peer = await udpPeer(sip.udp.port);
    const { flow, message } = outgoing(sip, 'INVITE', peer);
    const responses: SipResponse[] = [];
    sip.stack.request(flow, message, (r) => responses.push(r));
    const copies = await collect(peer, 64 * T1 + 200);
    // Sent at 0, T1, 3·T1, 7·T1, 15·T1, 31·T1, 63·T1: seven copies, all the same request.
    expect(copies.length).toBe(7);
    expect(new Set(copies.map((c) => c.toString())).size).toBe(1);
    expect(responses.map((r) => r.status)).toEqual([408]);
    peer.close();
  });

  it('stops retransmitting an INVITE once a provisional arrives, and ACKs a failure', async () => {
    const peer = await udpPeer(sip.udp.port);
    const { flow, message } = outgoing(sip, 'INVITE', peer);
    const responses: number[] = [];
    sip.stack.request(flow, message, (r) => responses.push(r.status));
    const invite = parseMessage(await peer.next()) as SipRequest;
    peer.send(serializeMessage(buildResponse(invite, 180, 'Ringing', { toTag: 'callee' })));
    expect(await collect(peer, 8 * T1)).toHaveLength(0);
    const busy = serializeMessage(buildResponse(invite, 486, 'Busy Here', { toTag: 'callee' }));
    peer.send(busy);
    const ack = parseMessage(await peer.next()) as SipRequest;
    expect(ack.method).toBe('ACK');
    expect(parseVia(ack.headers.get('Via')!).params.get('branch')).toBe(
      parseVia(invite.headers.get('Via')!).params.get('branch'),
    );
    // The busy answer again (our ACK was lost): the ACK again, the transaction user hears it once.
    peer.send(busy);
    expect((parseMessage(await peer.next()) as SipRequest).method).toBe('ACK');
    expect(responses).toEqual([180, 486]);
    peer.close();
  });

  it('retransmits a non-INVITE request up to T2 apart (Timer E) and gives up on Timer F', async () => {
    const peer = await udpPeer(sip.udp.port);
    const { flow, message } = outgoing(sip, 'OPTIONS', peer);
    const responses: number[] = [];
    sip.stack.request(flow, message, (r) => responses.push(r.status));
    const copies = await collect(peer, 64 * T1 + 200);
    // 0, 20, 60, 140, then every 80 ms up to 1280: 4 + 14 copies, give or take a timer tick.
    expect(copies.length).toBeGreaterThanOrEqual(15);
    expect(copies.length).toBeLessThanOrEqual(19);
    expect(responses).toEqual([408]);
    peer.close();
  });

  it('answers 503 at once, and only once, when a request cannot even be sent', async () => {
    const peer = await udpPeer(sip.udp.port);
    const { message } = outgoing(sip, 'INVITE', peer);
    const unreachable: Flow = { transport: 'UDP', address: '127.0.0.1', port: 0, connectionId: null };
    const responses: number[] = [];
    sip.stack.request(unreachable, message, (r) => responses.push(r.status));
    expect(responses).toEqual([503]);
    await new Promise((resolve) => setTimeout(resolve, 64 * T1 + 100)); // past Timer B
    expect(responses).toEqual([503]);
    peer.close();
  });

  it('repeats a failure answer to an INVITE on Timer G until the ACK comes', async () => {
    sip.stack.handle('INVITE', (req) => buildResponse(req, 486, 'Busy Here'));
    const peer = await udpPeer(sip.udp.port);
    const invite = request('INVITE', 'UDP');
    peer.send(invite);
    const answers = await collect(peer, 4 * T1);
    expect(answers.length).toBeGreaterThanOrEqual(2); // at 0, T1, 3·T1
    const busy = parseMessage(answers[0]!) as SipResponse;
    expect(busy.status).toBe(486);
    const ack = invite
      .replace(/^INVITE/, 'ACK')
      .replace(/CSeq: (\d+) INVITE/, 'CSeq: $1 ACK')
      .replace(/To: <([^>]+)>/, `To: ${busy.headers.get('To')!}`.replace('$', '$$'));
    peer.send(ack);
    await collect(peer, 2 * T1); // one may have been in flight
    expect(await collect(peer, 6 * T1)).toHaveLength(0);
    peer.close();
  });

  it('repeats a 2xx to an INVITE until the ACK, and hands the ACK to the dialog', async () => {
    const acks: SipRequest[] = [];
    sip.stack.handleAck((ack) => acks.push(ack));
    sip.stack.handle('INVITE', (req) => buildResponse(req, 200, 'OK', { toTag: 'server' }));
    const peer = await udpPeer(sip.udp.port);
    const invite = request('INVITE', 'UDP');
    peer.send(invite);
    const answers = (await collect(peer, 4 * T1)).map((b) => parseMessage(b) as SipResponse);
    expect(answers.filter((a) => a.status === 200).length).toBeGreaterThanOrEqual(2);
    const ack = invite
      .replace(/^INVITE/, 'ACK')
      .replace(/branch=z9hG4bK\w+/, 'branch=z9hG4bKack2xx')
      .replace(/CSeq: (\d+) INVITE/, 'CSeq: $1 ACK')
      .replace(/To: <([^>]+)>/, 'To: <$1>;tag=server');
    peer.send(ack);
    await expect.poll(() => acks.length).toBe(1);
    await collect(peer, 2 * T1);
    expect(await collect(peer, 6 * T1)).toHaveLength(0);
    peer.close();
  });

  it('matches a CANCEL to its INVITE, and answers 481 to a CANCEL for nothing', async () => {
    sip.stack.handle('INVITE', (req, _flow, transaction) => {
      transaction.onCancel = () => transaction.respond(buildResponse(req, 487, 'Request Terminated'));
    });
    const peer = await udpPeer(sip.udp.port);
    const invite = request('INVITE', 'UDP');
    peer.send(invite);
    peer.send(invite.replace(/^INVITE/, 'CANCEL').replace(/CSeq: (\d+) INVITE/, 'CSeq: $1 CANCEL'));
    const statuses = [await peer.next(), await peer.next()].map((b) => parseMessage(b) as SipResponse);
    expect(statuses.map((s) => `${s.status} ${s.headers.get('CSeq')!.split(' ')[1]}`).sort()).toEqual([
      '200 CANCEL',
      '487 INVITE',
    ]);
    peer.send(request('CANCEL', 'UDP'));
    expect((parseMessage(await peer.next()) as SipResponse).status).toBe(481);
    peer.close();
  });

  it('remembers a CANCEL that came before the INVITE handler was ready for it', async () => {
    let release!: () => void;
    const ready = new Promise<void>((resolve) => (release = resolve));
    sip.stack.handle('INVITE', async (req, _flow, transaction) => {
      await ready; // still checking credentials, say
      return transaction.cancelled
        ? buildResponse(req, 487, 'Request Terminated')
        : buildResponse(req, 486, 'Busy Here');
    });
    const peer = await udpPeer(sip.udp.port);
    const invite = request('INVITE', 'UDP');
    peer.send(invite);
    peer.send(invite.replace(/^INVITE/, 'CANCEL').replace(/CSeq: (\d+) INVITE/, 'CSeq: $1 CANCEL'));
    expect((parseMessage(await peer.next()) as SipResponse).status).toBe(200);
    release();
    expect((parseMessage(await peer.next()) as SipResponse).status).toBe(487);
    peer.close();
  });
});
