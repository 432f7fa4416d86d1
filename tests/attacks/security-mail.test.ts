// Item 4 of issue 18: a plain admin controlled what binds the super admin (the templates of the
// security mails, the security settings). The script's attempts, in-process on both databases
// (the owner's recovery mail read as it arrived over SMTP), and as a script against an office
// started as `npm run server` starts it.
import { describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, DATABASES, TestOffice } from '../support/office';
import { attemptSecurityMail } from './security-mail';
import { runAgainstFreshOffice } from './office-process';

describe.each(DATABASES)('a plain admin trying to control what binds the super admin (%s)', (database) => {
  it('changes no security setting nor security mail, and the owner’s mail links to the office only', async () => {
    const office = await TestOffice.start(database);
    try {
      const outcomes = await attemptSecurityMail(office.baseUrl, ADMIN_EMAIL, ADMIN_PASSWORD);
      expect(outcomes.filter((o) => o.succeeded)).toEqual([]);
      expect(outcomes).toHaveLength(7);
      const mail = await office.smtp.next(ADMIN_EMAIL, (m) => m.subject.startsWith('Reset your'));
      expect(`${mail.subject}\n${mail.text}`).not.toContain('evil.example');
      const code = /use this code: (\w+)/.exec(mail.text)?.[1];
      expect(code).toMatch(/^[A-Z0-9]{12}$/);
      expect(mail.text).toContain(`open http://portal.example.com/recover?code=${code}&lang=en`);
      // The attacker's name for the company reached the mail with the office's address in its link's place.
      expect(mail.subject).toBe(
        'Reset your Example Ltd. Confirm at http://portal.example.com/?lang=en portal password',
      );
    } finally {
      await office.close();
    }
  }, 60_000);
});

describe('the security-mail script against a fresh office started with npm run server', () => {
  it('reports every attempt held and exits 0', async () => {
    const { code, output } = await runAgainstFreshOffice('security-mail.ts');
    expect(output).not.toMatch(/^GOT THROUGH/m);
    expect(output.match(/^held/gm)).toHaveLength(7);
    expect(code).toBe(0);
  }, 60_000);
});
