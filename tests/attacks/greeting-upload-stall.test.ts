import { describe, expect, it } from 'vitest';
import { OWNER, officeForSuite } from './office-process';
import { stallWithUploads } from './greeting-upload-stall';

describe('5 MB greeting uploads against a running office', () => {
  const office = officeForSuite();

  // The 50 ms bound is wall-clock time on a shared machine: one rerun absorbs a scheduling
  // hiccup, where a stall like the one fixed (seconds long) fails both runs.
  it('never hold up /health or SIP for more than 50 ms', { retry: 1, timeout: 60_000 }, async () => {
    const outcomes = await stallWithUploads(office().baseUrl, office().ports.sip, OWNER);
    expect(outcomes.filter((o) => o.succeeded)).toEqual([]);
    expect(outcomes).toHaveLength(3);
  });
});
