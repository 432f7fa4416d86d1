import { describe, expect, it } from 'vitest';
import { foreignLinks, officeLinksOnly } from './office-links';
import { renderMail } from './templates';

const PORTAL = 'http://portal.example.com';

describe('the links of a mail', () => {
  it('reads the links mail readers open, with a scheme, from www. or as a host with a path', () => {
    const text = [
      'Confirm at http://evil.example/c?code=ABCD1234.',
      'Or evil.example/c?code=X, or www.evil.example, or javascript://%0aalert(1)',
      'Or (http://evil.example/a) and [https://evil.example/b]; ftp://files.evil.example',
      'Or évil.example/c and http://{{name}}.evil.example',
      'Or http://portal.example.com@evil.example/x or https://portal.example.com/ (another scheme)',
    ].join('\n');
    expect(officeLinksOnly(text, PORTAL)).toBe(
      [
        'Confirm at http://portal.example.com.',
        // A closing bracket ends a sentence, not a link: it stays.
        'Or http://portal.example.com, or http://portal.example.com, or http://portal.example.com)',
        'Or (http://portal.example.com) and [http://portal.example.com]; http://portal.example.com',
        'Or http://portal.example.com and http://portal.example.com',
        'Or http://portal.example.com or http://portal.example.com (another scheme)',
      ].join('\n'),
    );
  });

  it('keeps the office’s own links, email addresses, numbers and names as they are', () => {
    const text = [
      'Open http://portal.example.com/#/recover?code=ABCD, then HTTP://PORTAL.example.com/x',
      'or portal.example.com/help. Write to ana.smith@example.com.',
      'Version 1.2.3, e.g. this; J.R. Smith of Booking.com on 12.05.2026 from ::ffff:127.0.0.1',
    ].join('\n');
    expect(officeLinksOnly(text, PORTAL)).toBe(text);
  });

  it('counts bare host names too in a template, and only what leads elsewhere', () => {
    expect(foreignLinks('See booking.com or {{portalUrl}}/help or portal.example.com/x', PORTAL)).toEqual([
      'booking.com',
    ]);
    expect(foreignLinks('Mail ana.smith@example.com, version 1.2, e.g. this', PORTAL)).toEqual([]);
    expect(foreignLinks('Go to http://evil.example/c?code={{code}}.', PORTAL)).toEqual([
      'http://evil.example/c?code={{code}}',
    ]);
  });

  it('puts secrets in last: none inside a link elsewhere, a password that looks like a host intact', () => {
    const mail = renderMail(
      {
        kind: 'password-reset',
        subject: 'Reset at {{companyName}}',
        body: 'Open http://evil.example/r?p={{temporaryPassword}} or use {{temporaryPassword}} at {{portalUrl}}',
      },
      { email: 'ana@example.com', userId: null },
      { companyName: 'Acme https://evil.example/x', temporaryPassword: 'Kite.harbour/42', portalUrl: PORTAL },
    );
    expect(mail.subject).toBe('Reset at Acme http://portal.example.com');
    expect(mail.body).toBe(
      'Open http://portal.example.com or use Kite.harbour/42 at http://portal.example.com',
    );
    expect(mail.shown.body).toBe('Open http://portal.example.com or use ••• at http://portal.example.com');
  });

  it('fills a value holding placeholder marks as plain text', () => {
    const mail = renderMail(
      { kind: 'password-recovery', subject: 'Hello {{name}}', body: 'Code {{code}}' },
      { email: 'ana@example.com', userId: null },
      { name: '{{code}} \uE000code\uE000', code: 'SECRET', portalUrl: PORTAL },
    );
    expect(mail.subject).toBe('Hello {{code}} \uE000code\uE000');
    expect(mail.body).toBe('Code SECRET');
  });
});
