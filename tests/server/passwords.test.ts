// Item 4 of issue 8: one password policy on every path that sets a password, and the
// friction items of item 11 around passwords.
import { beforeAll, describe, expect, it } from 'vitest';
import { brokenPasswordRule, brokenPasswordRules, personalParts } from '../../common/api/password-rules';
import { ADMIN_EMAIL, DATABASES, useTestOffice } from '../support/office';
import { silentLogger } from '../../server/logger';
import { parseServerArgs } from '../../server/config';
import { openOffice } from '../../server/office';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

describe('the pure password rules', () => {
  const owner = { name: 'Ada Lovelace', email: 'ada.king@example.com', extension: '1815' };

  it('finds the name, the email local part (whole and in pieces) and the extension, ignoring short parts', () => {
    expect(personalParts(owner).sort()).toEqual(['1815', 'ada', 'ada.king', 'king', 'lovelace'].sort());
    expect(personalParts({ name: 'Li Wu', email: 'li@example.com', extension: '12' })).toEqual([]);
    expect(brokenPasswordRule('Quiet-LOVELACE-77', 10, owner)).toEqual({
      rule: 'personal',
      part: 'lovelace',
    });
    expect(brokenPasswordRule('harbor-1815-light', 10, owner)).toEqual({ rule: 'personal', part: '1815' });
    expect(
      brokenPasswordRule('Li-was-here-2024', 10, { name: 'Li Wu', email: 'li@example.com', extension: '12' }),
    ).toBeNull();
  });

  it('takes up to 128 characters and no more', () => {
    const long = `${'x'.repeat(120)}-1234567`;
    expect(long).toHaveLength(128);
    expect(brokenPasswordRule(long, 10, owner)).toBeNull();
    expect(brokenPasswordRule(`${long}8`, 10, owner)).toEqual({ rule: 'too_long', maxLength: 128 });
    expect(brokenPasswordRule('short-1', 10, owner)).toEqual({ rule: 'too_short', minLength: 10 });
    expect(brokenPasswordRule('only-letters-here', 10, owner)).toEqual({ rule: 'letters_and_digits' });
  });

  it('lists every rule broken at once, for the checklist shown while typing', () => {
    expect(brokenPasswordRules('zzz', 10, owner)).toEqual([
      { rule: 'too_short', minLength: 10 },
      { rule: 'letters_and_digits' },
    ]);
    expect(brokenPasswordRules('lovelace-xyz', 10, owner)).toEqual([
      { rule: 'letters_and_digits' },
      { rule: 'personal', part: 'lovelace' },
    ]);
    expect(brokenPasswordRules('Quiet-harbor-77', 10, owner)).toEqual([]);
  });
});

describe.each(DATABASES)('the password policy on every path, on %s', (database) => {
  const office = useTestOffice(database);
  let admin: string;
  beforeAll(async () => {
    admin = await office.adminToken();
  });

  const common = { code: 'password_common' };

  it('tells anyone the minimum length the company set, for the forms that check as people type', async () => {
    expect((await office.request('GET', '/auth/password-policy')).body).toEqual({ minLength: 10 });
    const patched = await office.request('PATCH', '/admin/company', {
      token: admin,
      body: { security: { minPasswordLength: 14 } },
    });
    expect(patched.status).toBe(200);
    expect((await office.request('GET', '/auth/password-policy')).body).toEqual({ minLength: 14 });
    await office.request('PATCH', '/admin/company', {
      token: admin,
      body: { security: { minPasswordLength: 10 } },
    });
  });

  it('refuses common passwords (any case) and personal ones on the own change', async () => {
    const user = await office.createSignedInUser(admin, 'Grace Hopper');
    const change = (newPassword: string) =>
      office.request('POST', '/me/password', {
        token: user.token,
        body: { currentPassword: user.password, newPassword },
      });
    expect((await change('password123')).body.error).toMatchObject({ ...common, field: 'body.newPassword' });
    expect((await change('PassWord123')).body.error).toMatchObject(common);
    expect((await change('grace-is-1906')).body.error).toMatchObject({ code: 'password_personal' });
    expect((await change(`hopper-${user.extension}-x`)).body.error.code).toBe('password_personal');
    expect((await change(`cobol-zz-${user.extension}`)).body.error.code).toBe('password_personal');
    const passphrase = `${'correct horse battery staple '.repeat(4)}9`.slice(0, 128);
    expect((await change(passphrase)).status).toBe(204);
    expect((await office.login(user.email, passphrase)).status).toBe(200);
  });

  it('refuses them on a manual reset, names the missing confirmation, and refuses a password with automatic', async () => {
    const user = await office.createSignedInUser(admin, 'Reset Target');
    const reset = (body: Record<string, unknown>) =>
      office.request('POST', `/admin/users/${user.id}/password-reset`, { token: admin, body });
    expect(
      (await reset({ mode: 'manual', password: 'Password123', confirmPassword: 'Password123' })).body.error,
    ).toMatchObject({ ...common, field: 'body.password' });
    expect(
      (await reset({ mode: 'manual', password: 'target-77-zz', confirmPassword: 'target-77-zz' })).body.error
        .code,
    ).toBe('password_personal');
    const missing = await reset({ mode: 'manual', password: 'Fine-quartz-77' });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: 'missing_field', field: 'body.confirmPassword' });
    expect(missing.body.error.message).toMatch(/again/);
    const automatic = await reset({ mode: 'automatic', password: 'Fine-quartz-77' });
    expect(automatic.status).toBe(400);
    expect(automatic.body.error).toMatchObject({ code: 'invalid_field', field: 'body.password' });
    expect(automatic.body.error.message).toMatch(/mode manual/);
    // Nothing was changed by the refusals.
    expect((await office.login(user.email, user.password)).status).toBe(200);
  });

  it('refuses them on recovery', async () => {
    const user = await office.createSignedInUser(admin, 'Recovering Rex');
    await office.request('POST', '/auth/password-recovery', { body: { login: user.email } });
    const mail = await office.smtp.next(user.email, (m) => m.subject.includes('Reset'));
    const code = /use this code: ([A-Z0-9]+)/.exec(mail.text)?.[1] ?? '';
    const confirm = (newPassword: string) =>
      office.request('POST', '/auth/password-recovery/confirm', { body: { code, newPassword } });
    expect((await confirm('Q1W2E3R4T5')).body.error).toMatchObject(common);
    expect((await confirm('recovering-22')).body.error.code).toBe('password_personal');
    expect((await confirm('Kettle-violet-31')).status).toBe(204);
  });

  it('tells how to change the password while one must be changed', async () => {
    const created = await office.request('POST', '/admin/users', {
      token: admin,
      body: { name: 'Must Change', email: 'must.change@example.com' },
    });
    const mail = await office.smtp.next('must.change@example.com', (m) => m.subject.includes('Welcome'));
    const temporary = /Temporary password: (\S+)/.exec(mail.text)?.[1] ?? '';
    const first = await office.login(created.body.extension, temporary);
    const blocked = await office.request('GET', '/me/preferences', { token: first.body.accessToken });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error).toMatchObject({ code: 'password_change_required' });
    expect(blocked.body.error.message).toContain('POST /api/v1/me/password');
  });

  it('says how to hand a password over when no welcome mail is sent', async () => {
    const created = await office.request('POST', '/admin/users', {
      token: admin,
      body: { name: 'Quiet Start', email: 'quiet.start@example.com', sendWelcomeEmail: false },
    });
    expect(created.status).toBe(201);
    expect(created.body.passwordHandover).toContain(`/admin/users/${created.body.id}/password-reset`);
    const mailed = await office.request('POST', '/admin/users', {
      token: admin,
      body: { name: 'Loud Start', email: 'loud.start@example.com' },
    });
    expect(mailed.body.passwordHandover).toBeUndefined();
    // The handover it names works: a manual reset, and the user signs in with it.
    const reset = await office.request('POST', `/admin/users/${created.body.id}/password-reset`, {
      token: admin,
      body: { mode: 'manual', password: 'Handed-over-42', confirmPassword: 'Handed-over-42' },
    });
    expect(reset.status).toBe(204);
    expect((await office.login('quiet.start@example.com', 'Handed-over-42')).body.mustChangePassword).toBe(
      true,
    );
  });
});

describe('the first start', () => {
  it('refuses a common --admin-password, saying which flag', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-bootstrap-'));
    try {
      const opening = openOffice(
        parseServerArgs([
          '--data-dir',
          dataDir,
          '--admin-email',
          ADMIN_EMAIL,
          '--admin-password',
          'password123',
        ]),
        { logger: silentLogger },
      );
      await expect(opening).rejects.toThrow(/--admin-password: .*most common/);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
