import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWNER, startOfficeProcess, type OfficeProcess } from './office-process';
import { stretchGreeting } from './greeting-length';

describe('a greeting stretched past its limit by a change of sample rate', () => {
  let office: OfficeProcess;
  beforeAll(async () => {
    office = await startOfficeProcess();
  }, 30_000);
  afterAll(() => office?.stop());

  it('is refused, and no greeting is stored', async () => {
    const [outcome] = await stretchGreeting(office.baseUrl, OWNER);
    expect(outcome!.succeeded).toBe(false);
    expect(outcome!.detail).toMatch(/^upload answered 415 .*sample rate.*; no greeting stored$/);
  });
});
