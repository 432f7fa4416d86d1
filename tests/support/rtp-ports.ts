// RTP port ranges for test offices' media agents. Test phones all speak from 127.0.0.1, and an
// agent takes only the address into account, so an office that binds a port another office just
// let go of may hear the other test's phone still sending to it. Each Vitest worker (files run
// several at once) therefore draws from a block of its own, and successive offices of a worker
// from successive parts of it. The blocks lie below Linux's ephemeral ports (32768 and up), which
// the test phones' own sockets get.
const FIRST = 10_000;
const LAST = 32_000;
const WORKERS = 8;
const BLOCK = Math.floor((LAST - FIRST) / WORKERS / 2) * 2;

let used = 0;

/** A range of `size` ports (an even count) for one office, apart from every other worker's. */
export function rtpPortsForTest(size: number): [number, number] {
  if (size % 2 !== 0 || size <= 0 || size > BLOCK) throw new Error(`an RTP range of ${size} ports`);
  // 1 to maxWorkers for the files running at once (set by Vitest in each worker).
  const worker = (Number(process.env.VITEST_POOL_ID ?? '1') - 1) % WORKERS;
  if (used + size > BLOCK) used = 0;
  const low = FIRST + worker * BLOCK + used;
  used += size;
  return [low, low + size - 1];
}
