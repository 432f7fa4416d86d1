import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWNER, startOfficeProcess, type OfficeProcess } from './office-process';
import { floodSipStreams } from './sip-stream-flood';

describe('a flood of idle SIP stream connections against a running office', () => {
  let office: OfficeProcess;
  beforeAll(async () => {
    office = await startOfficeProcess();
  }, 30_000);
  afterAll(() => office?.stop());

  it('lets a fresh phone register during the flood, and keeps it through a second one', async () => {
    const outcomes = await floodSipStreams(
      office.baseUrl,
      { tcp: office.ports.sip, ws: office.ports.ws },
      OWNER,
    );
    expect(outcomes.filter((o) => o.succeeded)).toEqual([]);
    expect(outcomes).toHaveLength(3);
  }, 60_000);
});
