// Item 5 of issue 18: anyone could lock anyone out. The script's attempts, in-process on both
// databases, and as a script against an office started as `npm run server` starts it.
import { describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, DATABASES, TestOffice } from '../support/office';
import { attemptLockout } from './lockout';
import { runAgainstFreshOffice } from './office-process';

describe.each(DATABASES)('a stranger locking the super admin out (%s)', (database) => {
  it('keeps strangers out, lets the owner in from their known device, and tells them', async () => {
    const office = await TestOffice.start(database);
    try {
      const outcomes = await attemptLockout(office.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
      expect(outcomes.filter((o) => o.succeeded)).toEqual([]);
      expect(outcomes).toHaveLength(7);
      const notice = await office.smtp.next(ADMIN_EMAIL, (m) => m.subject.includes('was locked'));
      expect(notice.text).toMatch(/Failed attempts: 5\n {2}From: 127\.0\.0\.1\n/);
      expect(notice.text).toContain('you can still sign in there as usual');
    } finally {
      await office.close();
    }
  }, 60_000);
});

describe('the lockout script against a fresh office started with npm run server', () => {
  it('reports every attempt held and exits 0', async () => {
    const { code, output } = await runAgainstFreshOffice('lockout.ts');
    expect(output).not.toMatch(/^GOT THROUGH/m);
    expect(output.match(/^held/gm)).toHaveLength(7);
    expect(code).toBe(0);
  }, 60_000);
});
