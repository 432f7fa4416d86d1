// IP trunks: the carrier is known by its addresses. Its requests are taken (a call in reaches
// the inbound handler: inbound-calls.test.ts); a request that claims
// to be the carrier's from any other address is refused before any work: not answered at all
// over UDP, 403 over TCP. The office checks the carrier with OPTIONS and says when it stops
// answering. The carrier's side here is a UDP socket on another loopback address.
import dgram from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMessage, serializeMessage, type SipResponse } from '../../server/sip/message';
import { buildResponse } from '../../server/sip/fields';
import { QUICK_TRUNKS, TrunkAdmin } from '../support/carrier/trunks';
import { useSipOffice } from '../support/sip-office';
import { tcpPeer, udpPeer, type Peer } from './support';

const CARRIER_ADDRESS = '127.0.0.3';
const STRANGER = '127.0.0.2';

/** The carrier's border controller: answers OPTIONS while `answering`, keeps every other message. */
class CarrierSbc {
  answering = true;
  options = 0;
  private readonly socket = dgram.createSocket('udp4');
  private readonly received: SipResponse[] = [];

  async start(address = CARRIER_ADDRESS): Promise<void> {
    this.socket.on('message', (bytes, remote) => {
      const message = parseMessage(bytes);
      if (message.kind === 'response') this.received.push(message);
      else if (message.method === 'OPTIONS') {
        this.options++;
        if (this.answering)
          this.socket.send(serializeMessage(buildResponse(message, 200, 'OK')), remote.port, remote.address);
      }
    });
    await new Promise<void>((resolve) => this.socket.bind(0, address, resolve));
  }

  get port(): number {
    return this.socket.address().port;
  }

  send(bytes: string, port: number): void {
    this.socket.send(bytes, port, '127.0.0.1');
  }

  /** The final response to the request of this Call-ID (the first of its retransmissions). */
  async finalResponse(request: string, timeout = 5_000): Promise<SipResponse> {
    const callId = /^Call-ID: (.*)$/m.exec(request)![1]!.trim();
    const final = () => this.received.find((r) => r.status >= 200 && r.headers.get('Call-ID') === callId);
    await expect.poll(() => final() !== undefined, { timeout }).toBe(true);
    return final()!;
  }

  close(): void {
    this.socket.close();
  }
}

let serial = 0;
function invite(transport: 'UDP' | 'TCP', fromHost: string, uriUser = '+34910000001'): string {
  const id = `${++serial}-${Math.random().toString(36).slice(2)}`;
  return [
    `INVITE sip:${uriUser}@127.0.0.1 SIP/2.0`,
    `Via: SIP/2.0/${transport} ${fromHost}:5060;branch=z9hG4bK${id};rport`,
    'Max-Forwards: 70',
    `To: <sip:${uriUser}@127.0.0.1>`,
    `From: <sip:+15550002222@${fromHost}>;tag=${id}`,
    `Call-ID: ${id}@${fromHost}`,
    'CSeq: 1 INVITE',
    `Contact: <sip:+15550002222@${fromHost}:5060>`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

/** Whether anything at all comes back to the peer within a second and a half. */
async function answered(peer: Peer): Promise<boolean> {
  try {
    await peer.next(1_500);
    return true;
  } catch {
    return false;
  }
}

describe('IP trunks', () => {
  const sip = useSipOffice({}, QUICK_TRUNKS);
  const trunks = new TrunkAdmin(() => sip.office);
  const sbc = new CarrierSbc();
  let trunkId: string;

  beforeAll(async () => {
    await sbc.start();
    const trunk = await trunks.create({
      kind: 'ip',
      name: 'Carrier SBC',
      host: CARRIER_ADDRESS,
      port: sbc.port,
      addresses: [CARRIER_ADDRESS, '127.0.8.0/29'],
    });
    trunkId = trunk.id;
  });
  afterAll(() => sbc.close());

  it('checks the carrier with OPTIONS: reachable while it answers, unreachable (and why) when it stops', async () => {
    await trunks.until(trunkId, 'reachable');
    expect(sip.sip.trunks.forOutbound().map((t) => t.config.name)).toEqual(['Carrier SBC']);
    sbc.answering = false;
    const down = await trunks.until(trunkId, 'unreachable');
    // Only the address follows the code: the console says "no answer" in the admin's language.
    expect(down.status.lastError).toMatchObject({
      code: 'no-answer',
      detail: `${CARRIER_ADDRESS}:${sbc.port}`,
    });
    expect(sip.sip.trunks.forOutbound()).toEqual([]);
    sbc.answering = true;
    await trunks.until(trunkId, 'reachable');
  });

  it('takes a call in from the carrier’s address into the inbound handler (404 for a number not the office’s)', async () => {
    const request = invite('UDP', CARRIER_ADDRESS);
    sbc.send(request, sip.sip.ports.udp);
    const answer = await sbc.finalResponse(request);
    expect(answer.status).toBe(404);
    expect(answer.reason).toBe('Not Found (not a number of this office)');
  });

  it('takes calls from the addresses of a listed block, and only those', async () => {
    const inBlock = await udpPeer(sip.sip.ports.udp, '127.0.8.5');
    const pastBlock = await udpPeer(sip.sip.ports.udp, '127.0.8.9');
    try {
      inBlock.send(invite('UDP', '127.0.8.5'));
      const answers = [parseMessage(await inBlock.next()), parseMessage(await inBlock.next())];
      expect(answers.map((a) => (a.kind === 'response' ? a.status : 0))).toContain(404);
      pastBlock.send(invite('UDP', '127.0.8.5'));
      expect(await answered(pastBlock)).toBe(false);
    } finally {
      inBlock.close();
      pastBlock.close();
    }
  });

  it('answers nothing over UDP to another address claiming to be the carrier, and keeps nothing of it', async () => {
    const stranger = await udpPeer(sip.sip.ports.udp, STRANGER);
    const { stack } = sip.sip;
    const before = { gated: stack.stats.gated, open: stack.openTransactions };
    try {
      stranger.send(invite('UDP', CARRIER_ADDRESS));
      expect(await answered(stranger)).toBe(false);
      expect(stack.stats.gated).toBeGreaterThan(before.gated);
      expect(stack.openTransactions).toBe(before.open);
    } finally {
      stranger.close();
    }
  });

  it('answers 403 over TCP, whose source is proven, to another address claiming to be the carrier', async () => {
    const stranger = await tcpPeer(sip.sip.ports.tcp, undefined, STRANGER);
    try {
      stranger.send(invite('TCP', CARRIER_ADDRESS));
      const answer = parseMessage(await stranger.next());
      expect(answer).toMatchObject({ kind: 'response', status: 403 });
      expect(answer.headers.has('Proxy-Authenticate')).toBe(false);
    } finally {
      stranger.close();
    }
  });

  it('still challenges a colleague’s phone calling from anywhere else', async () => {
    const phone = await udpPeer(sip.sip.ports.udp, STRANGER);
    try {
      phone.send(invite('UDP', 'office.example.com', '101'));
      const answer = parseMessage(await phone.next());
      expect(answer).toMatchObject({ kind: 'response', status: 407 });
    } finally {
      phone.close();
    }
  });

  it('drops a call to a registration trunk’s Contact that does not come from its carrier', async () => {
    const trunk = await trunks.create({
      kind: 'registration',
      name: 'Registered elsewhere',
      host: '127.0.0.4',
      port: 9,
      registration: { username: 'office', password: 'Carrier-secret-1' },
    });
    const { contact_user: contactUser } = await sip.office.office.db
      .selectFrom('trunks')
      .select('contact_user')
      .where('id', '=', trunk.id)
      .executeTakeFirstOrThrow();
    const stranger = await udpPeer(sip.sip.ports.udp, STRANGER);
    try {
      stranger.send(invite('UDP', 'anywhere.test', contactUser));
      expect(await answered(stranger)).toBe(false);
    } finally {
      stranger.close();
      await trunks.remove(trunk.id);
    }
  });

  it('stops taking the carrier’s calls once the trunk is disabled', async () => {
    await trunks.change(trunkId, { enabled: false });
    await trunks.until(trunkId, 'disabled');
    const request = invite('UDP', CARRIER_ADDRESS);
    sbc.send(request, sip.sip.ports.udp);
    // Not a trunk's any more: a stranger's call, challenged like any.
    expect((await sbc.finalResponse(request)).status).toBe(407);
    expect(sip.sip.trunks.forOutbound()).toEqual([]);
  });
});
