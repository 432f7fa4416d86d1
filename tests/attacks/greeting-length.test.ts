import { describe, expect, it } from 'vitest';
import { OWNER, officeForSuite } from './office-process';
import { stretchGreeting } from './greeting-length';

describe('a greeting stretched past its limit by a change of sample rate', () => {
  const office = officeForSuite();

  it('is refused, and no greeting is stored', async () => {
    const [outcome] = await stretchGreeting(office().baseUrl, OWNER);
    expect(outcome!.succeeded).toBe(false);
    expect(outcome!.detail).toMatch(/^upload answered 415 .*sample rate.*; no greeting stored$/);
  });
});
