import { describe, expect, it } from 'vitest';
import { OWNER, officeForSuite } from './office-process';
import { stallWithUploads } from './greeting-upload-stall';

describe('5 MB greeting uploads against a running office', () => {
  const office = officeForSuite();

  // The script's own bound is 50 ms over the slowest answer of a quiet spell as long, which
  // holds on a quiet machine. Here other suites share the two cores, and an office that gets an
  // eighth of a core takes eight times as long over each slice of work: the test holds it to
  // 250 ms, which the stalls fixed (7.75 s for one upload) were far beyond.
  it('never holds up /health or SIP for long', { timeout: 90_000 }, async () => {
    const outcomes = await stallWithUploads(office().baseUrl, office().ports.sip, OWNER, 250);
    expect(outcomes.filter((o) => o.succeeded)).toEqual([]);
    expect(outcomes).toHaveLength(3);
  });
});
