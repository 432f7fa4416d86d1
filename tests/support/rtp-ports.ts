// RTP port ranges for test offices' media agents. Test phones all speak from 127.0.0.1, and an
// agent takes only the address into account, so an office that binds a port another office just
// let go of may hear the other test's phone still sending to it; and werift picks an ICE port by
// binding it, letting go and binding it again, which another process may do at the same moment.
// So each test process (files run several at once) draws from a block of its own, and successive
// offices of a process from successive parts of it.
//
// A process claims its block by listening on the block's first port over TCP, which the OS
// grants to one process only and frees when it ends (RTP is UDP: the claim takes none of the
// block's RTP ports). Vitest's VITEST_POOL_ID cannot serve: with isolate off, two live workers
// were seen with the same one. The blocks lie above the agent's default range (20000–20999,
// which offices started without a range of their own use) and below Linux's ephemeral ports
// (32768 and up), which the test phones' own sockets get.
import net from 'node:net';

const FIRST = 21_000;
const LAST = 32_000;
const BLOCKS = 10;
const BLOCK = Math.floor((LAST - FIRST) / BLOCKS / 2) * 2;

interface Claim {
  low: number;
  used: number;
}

// On globalThis: a file whose modules are evaluated afresh (isolate on) keeps its process's block.
const CLAIM = Symbol.for('switchboard.tests.rtp-port-block');
type Holder = typeof globalThis & { [CLAIM]?: Promise<Claim> };

function listenOn(port: number): Promise<net.Server | null> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(null));
    server.listen(port, '127.0.0.1', () => resolve(server.unref()));
  });
}

async function claimBlock(): Promise<Claim> {
  for (let block = 0; block < BLOCKS; block++) {
    const low = FIRST + block * BLOCK;
    if (await listenOn(low)) return { low, used: 0 };
  }
  throw new Error(`all ${BLOCKS} RTP port blocks for tests are held by other processes`);
}

/** A range of `size` ports (an even count) for one office, apart from every other process's. */
export async function rtpPortsForTest(size: number): Promise<[number, number]> {
  if (size % 2 !== 0 || size <= 0 || size > BLOCK) throw new Error(`an RTP range of ${size} ports`);
  const holder = globalThis as Holder;
  const claim = await (holder[CLAIM] ??= claimBlock());
  if (claim.used + size > BLOCK) claim.used = 0;
  const low = claim.low + claim.used;
  claim.used += size;
  return [low, low + size - 1];
}
