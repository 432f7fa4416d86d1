import { describe, expect, it } from 'vitest';
import { OWNER, officeForSuite } from './office-process';
import { floodSipStreams } from './sip-stream-flood';

describe('a flood of idle SIP stream connections against a running office', () => {
  const office = officeForSuite();

  it('lets a fresh phone register during the flood, and keeps it through a second one', async () => {
    const outcomes = await floodSipStreams(
      office().baseUrl,
      { tcp: office().ports.sip, ws: office().ports.ws },
      OWNER,
    );
    expect(outcomes.filter((o) => o.succeeded)).toEqual([]);
    expect(outcomes).toHaveLength(3);
  }, 60_000);
});
