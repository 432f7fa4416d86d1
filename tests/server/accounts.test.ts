import { beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, DATABASES, useTestOffice } from '../support/office';
import { REFRESH_GRACE_MS } from '../../server/accounts/sessions';

describe.each(DATABASES)('accounts on %s', (database) => {
  const office = useTestOffice(database);
  let admin: string;

  // Some tests move the clock past the access token's lifetime: sign the admin in afresh.
  beforeEach(async () => {
    admin = await office.adminToken();
  });

  it('creates a user whose welcome mail carries the extension, a temporary password and the portal address', async () => {
    const created = await office.request('POST', '/admin/users', {
      token: admin,
      body: { name: 'Ada Lovelace', email: 'Ada@Example.com' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'ada@example.com', role: 'user', mustChangePassword: true });
    expect(created.body.extension).toMatch(/^\d{3}$/);

    const mail = await office.smtp.next('ada@example.com');
    expect(mail.subject).toContain(created.body.extension);
    expect(mail.text).toContain(`extension at My Office is ${created.body.extension}`);
    expect(mail.text).toContain('http://portal.example.com');
    const temporary = /Temporary password: (\S+)/.exec(mail.text)?.[1] ?? '';
    expect(temporary).toHaveLength(14);

    // Sign in with the extension number and the mailed password: only a password change is allowed.
    const first = await office.login(created.body.extension, temporary);
    expect(first.status).toBe(200);
    expect(first.body.mustChangePassword).toBe(true);
    expect(first.body.user).toMatchObject({ name: 'Ada Lovelace', extension: created.body.extension });
    const blocked = await office.request('GET', '/me/preferences', { token: first.body.accessToken });
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('password_change_required');

    const weak = await office.request('POST', '/me/password', {
      token: first.body.accessToken,
      body: { currentPassword: temporary, newPassword: 'short1' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('password_policy');

    const changed = await office.request('POST', '/me/password', {
      token: first.body.accessToken,
      body: { currentPassword: temporary, newPassword: 'analytical-engine-1843' },
    });
    expect(changed.status).toBe(204);
    expect((await office.login('ada@example.com', temporary)).status).toBe(401);
    const again = await office.login('ada@example.com', 'analytical-engine-1843');
    expect(again.body.mustChangePassword).toBe(false);
    const preferences = await office.request('GET', '/me/preferences', { token: again.body.accessToken });
    expect(preferences.status).toBe(200);
    expect(preferences.body).toMatchObject({
      doNotDisturb: false,
      ringTimeoutSeconds: 25,
      callerIdName: 'Ada Lovelace',
    });
  });

  it('gives every new user a voicemail box and a softphone with its own SIP credentials', async () => {
    const user = await office.createSignedInUser(admin, 'Grace Hopper');
    const softphone = await office.request('GET', '/me/softphone', { token: user.token });
    expect(softphone.status).toBe(200);
    expect(softphone.body).toMatchObject({
      sipUri: `sip:${user.extension}@office.example.com`,
      realm: 'office.example.com',
      websocketServers: ['ws://127.0.0.1:5066'],
    });
    expect(softphone.body.password).toHaveLength(24);
    const detail = await office.request('GET', `/admin/users/${user.id}`, { token: admin });
    expect(detail.body.devices).toHaveLength(1);
    expect(detail.body.devices[0]).toMatchObject({
      kind: 'softphone',
      extension: user.extension,
      sipUsername: softphone.body.authorizationUsername,
    });
    const box = await office.office.db
      .selectFrom('voicemail_boxes')
      .innerJoin('extensions', 'extensions.id', 'voicemail_boxes.extension_id')
      .select(['voicemail_boxes.notification_email'])
      .where('extensions.number', '=', user.extension)
      .executeTakeFirst();
    expect(box?.notification_email).toBe(user.email);
  });

  it('refuses the admin scope to a plain user and admin routes to a user token', async () => {
    const user = await office.createSignedInUser(admin, 'Plain User');
    const scoped = await office.login(user.email, user.password, 'admin');
    expect(scoped.status).toBe(403);
    expect(scoped.body.error.code).toBe('scope_not_allowed');
    const route = await office.request('GET', '/admin/users', { token: user.token });
    expect(route.status).toBe(403);
    expect((await office.request('GET', '/admin/users')).status).toBe(401);
  });

  it('answers an unknown account exactly like a wrong password, and locks both at the threshold', async () => {
    const user = await office.createSignedInUser(admin, 'Lock Target');
    const wrong = await office.login(user.email, 'not-the-password-1');
    const unknown = await office.login('nobody@example.com', 'not-the-password-1');
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.body).toEqual(wrong.body);

    // The company threshold is 5: four more failures lock both.
    for (let i = 0; i < 4; i++) {
      await office.login(user.email, 'not-the-password-1');
      await office.login('nobody@example.com', 'not-the-password-1');
    }
    const locked = await office.login(user.email, user.password);
    const lockedUnknown = await office.login('nobody@example.com', 'whatever-1');
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('account_locked');
    expect(lockedUnknown.body).toEqual(locked.body);

    office.advance(16 * 60_000);
    expect((await office.login(user.email, user.password)).status).toBe(200);
  });

  it('rotates refresh tokens and revokes the session when an old one is replayed after the grace', async () => {
    const user = await office.createSignedInUser(admin, 'Refresh Person');
    const first = await office.request('POST', '/auth/refresh', {
      body: { refreshToken: user.refreshToken },
    });
    expect(first.status).toBe(200);
    expect(first.body.refreshToken).not.toBe(user.refreshToken);
    expect((await office.request('GET', '/me', { token: first.body.accessToken })).status).toBe(200);

    // Past the grace for a lost answer, the old token can only be a copy.
    office.advance(REFRESH_GRACE_MS + 1_000);
    const replay = await office.request('POST', '/auth/refresh', {
      body: { refreshToken: user.refreshToken },
    });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('session_expired');
    // The replay ended the whole session: the newest tokens are dead too.
    expect((await office.request('GET', '/me', { token: first.body.accessToken })).status).toBe(401);
    const newest = await office.request('POST', '/auth/refresh', {
      body: { refreshToken: first.body.refreshToken },
    });
    expect(newest.status).toBe(401);
  });

  it('ends a session on logout and after the idle timeout', async () => {
    const user = await office.createSignedInUser(admin, 'Idle Person');
    const logout = await office.request('POST', '/auth/logout', {
      body: { refreshToken: user.refreshToken },
    });
    expect(logout.status).toBe(204);
    expect((await office.request('GET', '/me', { token: user.token })).status).toBe(401);

    const session = await office.login(user.email, user.password);
    office.advance(61 * 60_000); // company idle timeout is 60 minutes
    const refreshed = await office.request('POST', '/auth/refresh', {
      body: { refreshToken: session.body.refreshToken },
    });
    expect(refreshed.status).toBe(401);
    expect(refreshed.body.error.code).toBe('session_expired');
  });

  it('resets a password automatically or manually, mails it, forces a change and ends sessions', async () => {
    const user = await office.createSignedInUser(admin, 'Reset Person');
    const automatic = await office.request('POST', `/admin/users/${user.id}/password-reset`, {
      token: admin,
      body: { mode: 'automatic' },
    });
    expect(automatic.status).toBe(204);
    expect((await office.request('GET', '/me', { token: user.token })).status).toBe(401);
    const mail = await office.smtp.next(user.email, (m) => m.subject.includes('reset'));
    const temporary = /temporary password: (\S+)/.exec(mail.text)?.[1] ?? '';
    const signedIn = await office.login(user.email, temporary);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.mustChangePassword).toBe(true);

    const mismatch = await office.request('POST', `/admin/users/${user.id}/password-reset`, {
      token: admin,
      body: { mode: 'manual', password: 'Chosen-by-admin-1', confirmPassword: 'Chosen-by-admin-2' },
    });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error).toMatchObject({ code: 'password_mismatch', field: 'body.confirmPassword' });
    const tooShort = await office.request('POST', `/admin/users/${user.id}/password-reset`, {
      token: admin,
      body: { mode: 'manual', password: 'Short-1', confirmPassword: 'Short-1' },
    });
    expect(tooShort.body.error.code).toBe('password_policy');
    // The failed attempts changed nothing: the mailed password still works.
    expect((await office.login(user.email, temporary)).status).toBe(200);

    const manual = await office.request('POST', `/admin/users/${user.id}/password-reset`, {
      token: admin,
      body: { mode: 'manual', password: 'Chosen-by-admin-1', confirmPassword: 'Chosen-by-admin-1' },
    });
    expect(manual.status).toBe(204);
    const manualMail = await office.smtp.next(user.email, (m) => m.text.includes('Chosen-by-admin-1'));
    expect(manualMail.subject).toContain('reset');
    const after = await office.login(user.email, 'Chosen-by-admin-1');
    expect(after.body.mustChangePassword).toBe(true);
  });

  it('lets the bootstrap super admin sign in with the configured password', async () => {
    const response = await office.login(ADMIN_EMAIL, ADMIN_PASSWORD, 'admin');
    expect(response.status).toBe(200);
    expect(response.body.user.role).toBe('superadmin');
    expect(response.body.mustChangePassword).toBe(false);
  });
});
