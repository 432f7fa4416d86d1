// Item 4 of issue 18: what binds every account, super admins included (the security settings
// and the templates of security mails), is the super admin's alone; each template change is
// audited and mailed to every super admin; every mail's links lead to the office.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, TestOffice } from '../support/office';

const EVIL_BODY = 'Confirm at http://evil.example/c?code={{code}}';

describe.each(DATABASES)('security settings and security mails on %s', (database) => {
  let office: TestOffice;
  let boss: string;
  let admin: { token: string; email: string };
  let secondBoss: { email: string };

  beforeAll(async () => {
    office = await TestOffice.start(database);
    boss = await office.adminToken();
    const plain = await office.createSignedInUser(boss, 'Plain Admin', { role: 'admin' });
    admin = {
      email: plain.email,
      token: (await office.login(plain.email, plain.password, 'admin')).body.accessToken,
    };
    const second = await office.createSignedInUser(boss, 'Segunda Jefa', { role: 'superadmin' });
    await office.request('PATCH', '/me/preferences', { token: second.token, body: { language: 'es' } });
    secondBoss = { email: second.email };
  });
  afterAll(() => office?.close());

  const company = async () => (await office.request('GET', '/admin/company', { token: boss })).body;
  const templates = async () =>
    (await office.request('GET', '/admin/email-templates', { token: boss })).body.items as {
      id: string;
      kind: string;
      name: string;
      subject: string;
      body: string;
      isDefault: boolean;
    }[];
  const defaultOf = async (kind: string) => (await templates()).find((t) => t.kind === kind && t.isDefault)!;

  it('lets a plain admin change the company’s details but not its security settings', async () => {
    const before = await company();
    const both = await office.request('PATCH', '/admin/company', {
      token: admin.token,
      body: { name: 'Renamed Office', security: { lockoutThreshold: 100 } },
    });
    expect(both.status).toBe(403);
    expect(both.body.error).toMatchObject({ code: 'forbidden', field: 'body.security' });
    // Refused whole: not even the name changed.
    expect(await company()).toEqual(before);

    const name = await office.request('PATCH', '/admin/company', {
      token: admin.token,
      body: { name: 'Renamed Office' },
    });
    expect([name.status, name.body.name]).toEqual([200, 'Renamed Office']);

    const loosened = await office.request('PATCH', '/admin/company', {
      token: boss,
      body: { security: { lockoutThreshold: 6, minPasswordLength: 12 } },
    });
    expect(loosened.status).toBe(200);
    expect(loosened.body.security).toMatchObject({ lockoutThreshold: 6, minPasswordLength: 12 });
    await office.request('PATCH', '/admin/company', {
      token: boss,
      body: { security: before.security, name: before.name },
    });
  });

  it('lets only a super admin write a security mail’s template', async () => {
    const recovery = await defaultOf('password-recovery');
    const before = await templates();
    const attempts = [
      office.request('PATCH', `/admin/email-templates/${recovery.id}`, {
        token: admin.token,
        body: { body: 'Your code: {{code}}' },
      }),
      office.request('POST', '/admin/email-templates', {
        token: admin.token,
        body: { kind: 'welcome', name: 'Plain admin’s', subject: 'Hi', body: 'Welcome' },
      }),
      office.request(
        'DELETE',
        `/admin/email-templates/${before.find((t) => !t.isDefault)?.id ?? recovery.id}`,
        {
          token: admin.token,
        },
      ),
    ];
    for (const refused of await Promise.all(attempts)) {
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe(
        'Only a super admin can manage the templates of security mails',
      );
    }
    expect(await templates()).toEqual(before);
  });

  it('refuses a template that links elsewhere than the office, naming the field', async () => {
    const recovery = await defaultOf('password-recovery');
    const cases: [Record<string, string>, string][] = [
      [{ body: EVIL_BODY }, 'body.body'],
      [{ body: 'Type {{code}} at evil.example' }, 'body.body'],
      [{ subject: 'Reset at www.evil.example' }, 'body.subject'],
    ];
    for (const [body, field] of cases) {
      const refused = await office.request('PATCH', `/admin/email-templates/${recovery.id}`, {
        token: boss,
        body,
      });
      expect([refused.status, refused.body.error.code, refused.body.error.field]).toEqual([
        400,
        'invalid_field',
        field,
      ]);
    }
    const created = await office.request('POST', '/admin/email-templates', {
      token: boss,
      body: { kind: 'password-recovery', name: 'Evil', subject: 'Code', body: EVIL_BODY },
    });
    expect(created.body.error?.field).toBe('body.body');
    expect((await defaultOf('password-recovery')).body).toBe(recovery.body);
    // The office's own address is fine, written out or as a placeholder.
    const fine = await office.request('PATCH', `/admin/email-templates/${recovery.id}`, {
      token: boss,
      body: { body: `${recovery.body}\nHelp: {{portalUrl}}/#/help or http://portal.example.com/help` },
    });
    expect(fine.status).toBe(200);
    await office.request('PATCH', `/admin/email-templates/${recovery.id}`, {
      token: boss,
      body: { body: recovery.body },
    });
  });

  it('audits each template change and mails it to every super admin, each in their language', async () => {
    const welcome = await defaultOf('welcome');
    const changed = await office.request('PATCH', `/admin/email-templates/${welcome.id}`, {
      token: boss,
      body: { subject: 'Welcome aboard, {{name}}' },
    });
    expect(changed.status).toBe(200);
    const audit = await office.request('GET', '/admin/audit-log', { token: boss });
    expect(audit.body.items[0]).toMatchObject({
      action: 'email-template.updated',
      targetId: welcome.id,
      details: { subject: 'Welcome aboard, {{name}}' },
    });

    const toBoss = await office.smtp.next('boss@example.com', (m) => m.text.includes(welcome.name));
    expect(toBoss.text).toContain(`changed the email template “${welcome.name}” (Welcome email)`);
    expect(toBoss.text).toMatch(/ on \w+ \d+, \d{4} at .* UTC\./);
    const toSecond = await office.smtp.next(secondBoss.email, (m) => m.text.includes(welcome.name));
    expect(toSecond.subject).toBe('Se cambió una plantilla de correo de seguridad de My Office');
    expect(toSecond.text).toContain(
      `modificó la plantilla de correo «${welcome.name}» (Correo electrónico de bienvenida)`,
    );
    // Plain admins are not told (nor shown it in the outbox).
    expect(office.smtp.mails.filter((m) => m.to === admin.email && m.text.includes('template'))).toEqual([]);
    const outbox = await office.request('GET', '/admin/outbox?limit=200', { token: admin.token });
    expect(outbox.body.items.filter((m: { kind: string }) => m.kind === 'template-changed')).toEqual([]);

    const deleted = await office.request('POST', '/admin/email-templates', {
      token: boss,
      body: { kind: 'password-reset', name: 'Short-lived', subject: 'Reset', body: '{{temporaryPassword}}' },
    });
    await office.request('DELETE', `/admin/email-templates/${deleted.body.id}`, { token: boss });
    const deletion = await office.smtp.next('boss@example.com', (m) => m.text.includes('deleted the'));
    expect(deletion.text).toContain('deleted the email template “Short-lived” (Password reset)');
    await office.request('PATCH', `/admin/email-templates/${welcome.id}`, {
      token: boss,
      body: { subject: welcome.subject },
    });
  });

  it('mails only the office’s links from a template stored before the rule, and no code inside another', async () => {
    const recovery = await defaultOf('password-recovery');
    await office.office.db
      .updateTable('email_templates')
      .set({ body: `${EVIL_BODY}\nor type {{code}} at {{link}}` })
      .where('id', '=', recovery.id)
      .execute();
    const user = await office.createSignedInUser(boss, 'Recovering Rita');
    await office.request('POST', '/auth/password-recovery', { body: { login: user.email } });
    const mail = await office.smtp.next(user.email, (m) => m.subject.startsWith('Reset'));
    const code = /or type (\w+) at/.exec(mail.text)?.[1];
    expect(mail.text.trimEnd()).toBe(
      `Confirm at http://portal.example.com/?lang=en\nor type ${code} at http://portal.example.com/recover?code=${code}&lang=en`,
    );
    await office.office.db
      .updateTable('email_templates')
      .set({ body: recovery.body })
      .where('id', '=', recovery.id)
      .execute();
  });
});
