import { describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, DATABASES, TestOffice } from '../support/office';
import { attemptTakeover } from './takeover';
import { runAgainstFreshOffice } from './office-process';

describe.each(DATABASES)('a plain admin trying to take over the super admin (%s)', (database) => {
  it.each([
    ['with SMTP', {}],
    ['without SMTP (the outbox is the only mail)', { smtpUrl: null }],
  ])('gets nowhere %s', async (_mode, overrides) => {
    const office = await TestOffice.start(database, overrides);
    try {
      const outcomes = await attemptTakeover(office.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
      expect(outcomes.filter((o) => o.succeeded)).toEqual([]);
      expect(outcomes.length).toBeGreaterThanOrEqual(6);
      // The owner still signs in with their own password.
      expect((await office.login(ADMIN_EMAIL, ADMIN_PASSWORD, 'admin')).status).toBe(200);
    } finally {
      await office.close();
    }
  });
});

describe('the takeover script against a fresh office started with npm run server', () => {
  it('reports every attack held and exits 0', async () => {
    const { code, output } = await runAgainstFreshOffice('takeover.ts');
    expect(output).not.toMatch(/^GOT THROUGH/m);
    expect(output.match(/^held/gm)?.length).toBeGreaterThanOrEqual(6);
    expect(code).toBe(0);
  }, 60_000);
});
