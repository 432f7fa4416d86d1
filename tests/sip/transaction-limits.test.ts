// Server transactions are capped: those still at work in all and per source address (503 past
// it, statelessly), and those remembered after their answer (the oldest go first).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMessage, type SipResponse } from '../../server/sip/message';
import { buildResponse } from '../../server/sip/fields';
import type { SipRequest } from '../../server/sip/message';
import { request, startStack, udpPeer, type Peer } from './support';

const LIMITS = { maxPending: 10, maxPendingPerSource: 4, maxRemembered: 50 };

type Started = Awaited<ReturnType<typeof startStack>>;

const statusOf = async (peer: Peer) => (parseMessage(await peer.next(5000)) as SipResponse).status;

describe('SIP transaction limits', () => {
  let sip: Started;
  /** INFO requests held by their handler until released. */
  const held: { request: SipRequest; release: (response: SipResponse) => void }[] = [];
  beforeAll(async () => {
    sip = await startStack(undefined, LIMITS);
    sip.stack.handle('INFO', (request) => new Promise((release) => held.push({ request, release })));
  });
  afterAll(() => sip?.stack.close());

  it('refuses work past the per-source and the global cap with 503, and takes it again once answered', async () => {
    const sources = await Promise.all(
      ['127.0.0.2', '127.0.0.3', '127.0.0.4'].map((a) => udpPeer(sip.udp.port, a)),
    );
    const [first, second, third] = sources as [Peer, Peer, Peer];
    for (let i = 0; i < 4; i++) first.send(request('INFO', 'UDP'));
    await expect.poll(() => held.length).toBe(4);
    first.send(request('INFO', 'UDP'));
    expect(await statusOf(first)).toBe(503); // its fifth at once
    for (let i = 0; i < 4; i++) second.send(request('INFO', 'UDP'));
    for (let i = 0; i < 2; i++) third.send(request('INFO', 'UDP'));
    await expect.poll(() => held.length).toBe(10);
    third.send(request('INFO', 'UDP'));
    const refused = parseMessage(await third.next(5000)) as SipResponse;
    expect(refused.status).toBe(503); // the eleventh in all
    expect(refused.headers.get('Retry-After')).toBe('5');
    expect(sip.stack.stats.overloaded).toBe(2);

    for (const { request: info, release } of held.splice(0)) release(buildResponse(info, 200, 'OK'));
    for (const peer of sources)
      for (let i = 0; i < 4 - (peer === third ? 2 : 0); i++) expect(await statusOf(peer)).toBe(200);
    third.send(request('INFO', 'UDP'));
    await expect.poll(() => held.length).toBe(1);
    for (const { request: info, release } of held.splice(0)) release(buildResponse(info, 200, 'OK'));
    expect(await statusOf(third)).toBe(200);
    for (const peer of sources) peer.close();
  });

  it('remembers at most its cap of answered transactions under a flood', async () => {
    const peer = await udpPeer(sip.udp.port);
    for (let i = 0; i < 2000; i++) {
      peer.send(request('OPTIONS', 'UDP'));
      if (i % 100 === 99) for (let j = 0; j < 100; j++) expect(await statusOf(peer)).toBe(200);
    }
    expect(sip.stack.openTransactions).toBeLessThanOrEqual(LIMITS.maxRemembered);
    peer.close();
  });
});
