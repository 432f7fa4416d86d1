import { beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, DATABASES, useTestOffice } from '../support/office';

const codeOf = (text: string) => /use this code: ([A-Z0-9]+)/.exec(text)?.[1] ?? '';

describe.each(DATABASES)('password recovery on %s', (database) => {
  const office = useTestOffice(database);
  let admin: string;

  beforeEach(async () => {
    admin = await office.adminToken();
  });

  const recover = (login: string) => office.request('POST', '/auth/password-recovery', { body: { login } });
  const confirm = (code: string, newPassword: string) =>
    office.request('POST', '/auth/password-recovery/confirm', { body: { code, newPassword } });

  it('mails a code that works once, then never again, and ends the old sessions', async () => {
    const user = await office.createSignedInUser(admin, 'Forgetful Fred');
    const answer = await recover(user.extension);
    expect(answer.status).toBe(202);
    const mail = await office.smtp.next(user.email, (m) => m.subject.includes('Reset'));
    const code = codeOf(mail.text);
    expect(code).toHaveLength(12);
    expect(mail.text).toContain(`http://portal.example.com/recover?code=${code}&lang=en`);
    // Only a hash is stored.
    const stored = await office.office.db.selectFrom('password_recoveries').select('code_hash').execute();
    expect(stored.map((r) => r.code_hash)).not.toContain(code);

    expect((await confirm(code, 'short')).body.error.code).toBe('password_policy');
    expect((await confirm(code, 'remembered-now-42')).status).toBe(204);
    expect((await office.request('GET', '/me', { token: user.token })).status).toBe(401);
    expect((await office.login(user.email, 'remembered-now-42')).status).toBe(200);
    const reused = await confirm(code, 'another-password-43');
    expect(reused.status).toBe(400);
    expect(reused.body.error).toMatchObject({ code: 'invalid_code', field: 'body.code' });
    const audit = await office.request('GET', '/admin/audit-log', { token: admin });
    expect(audit.body.items[0]).toMatchObject({ action: 'user.password-recovered', actorId: user.id });
  });

  it('answers unknown accounts the same way and mails them nothing', async () => {
    const user = await office.createSignedInUser(admin, 'Known Kate');
    const unknown = await recover('ghost@example.com');
    const known = await recover(user.email);
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    await office.office.recovery.settled();
    await office.smtp.next(user.email, (m) => m.subject.includes('Reset'));
    await office.office.mailer.settled();
    expect(office.smtp.mails.filter((m) => m.to === 'ghost@example.com')).toEqual([]);
    const outbox = await office.request('GET', '/admin/outbox?limit=200', { token: admin });
    expect(outbox.body.items.some((m: any) => m.to === 'ghost@example.com')).toBe(false);
  });

  it('invalidates the older code when a newer one is asked for, and refuses expired and forged codes', async () => {
    const user = await office.createSignedInUser(admin, 'Twice Tina');
    await recover(user.email);
    const older = codeOf((await office.smtp.next(user.email, (m) => m.subject.includes('Reset'))).text);
    await recover(user.email);
    const newer = codeOf((await office.smtp.next(user.email, (m) => m.subject.includes('Reset'))).text);
    expect(newer).not.toBe(older);
    expect((await confirm(older, 'Orchid-lamp-63')).body.error.code).toBe('invalid_code');
    expect((await confirm('ABCDEFGHJKLM', 'Orchid-lamp-63')).body.error.code).toBe('invalid_code');

    office.advance(31 * 60_000);
    expect((await confirm(newer, 'Orchid-lamp-63')).body.error.code).toBe('invalid_code');
    expect((await office.login(user.email, user.password)).status).toBe(200);
  });

  it('throttles per account: a flood of requests sends at most three mails', async () => {
    const user = await office.createSignedInUser(admin, 'Flooded Flo');
    for (let i = 0; i < 6; i++) expect((await recover(user.email)).status).toBe(202);
    await office.office.recovery.settled();
    await office.office.mailer.settled();
    const sent = await office.request('GET', '/admin/outbox?limit=200', { token: admin });
    expect(
      sent.body.items.filter((m: any) => m.to === user.email && m.subject.includes('Reset')),
    ).toHaveLength(3);
  });

  it('lets an administrator recover the same way', async () => {
    await recover(ADMIN_EMAIL);
    const code = codeOf((await office.smtp.next(ADMIN_EMAIL, (m) => m.subject.includes('Reset'))).text);
    expect((await confirm(code, 'new-admin-secret-9')).status).toBe(204);
    expect((await office.login(ADMIN_EMAIL, 'new-admin-secret-9', 'admin')).status).toBe(200);
  });
});
