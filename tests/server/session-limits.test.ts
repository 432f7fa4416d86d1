// Sessions as a desktop client needs them: a lost refresh answer is not a stolen token, "keep me
// signed in" outlives the idle limit, and an elevated session has its own short idle limit.
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, DATABASES, useTestOffice } from '../support/office';
import { REFRESH_GRACE_MS } from '../../server/accounts/sessions';

describe.each(DATABASES)('session limits on %s', (database) => {
  const office = useTestOffice(database);
  let admin: string;
  let user: { email: string; password: string };

  beforeAll(async () => {
    user = await office.createSignedInUser(await office.adminToken(), 'Laptop Lena');
  });
  beforeEach(async () => {
    admin = await office.adminToken();
  });

  const refresh = (refreshToken: string) =>
    office.request('POST', '/auth/refresh', { body: { refreshToken } });
  const signIn = (
    remember: boolean,
    scope: 'user' | 'admin' = 'user',
    login = user.email,
    password = user.password,
  ) => office.request('POST', '/auth/login', { body: { login, password, scope, remember } });

  it('answers a refresh retried within the grace with a fresh pair, once the lost one is dead', async () => {
    const session = (await signIn(false)).body;
    const lost = await refresh(session.refreshToken);
    expect(lost.status).toBe(200);
    office.advance(REFRESH_GRACE_MS - 5_000);
    const retried = await refresh(session.refreshToken);
    expect(retried.status).toBe(200);
    expect(retried.body.refreshToken).not.toBe(lost.body.refreshToken);
    // The pair whose answer was lost was replaced; the retried one carries on.
    expect((await refresh(lost.body.refreshToken)).status).toBe(401);
    const next = await refresh(retried.body.refreshToken);
    expect(next.status).toBe(200);
    expect((await office.request('GET', '/me', { token: next.body.accessToken })).status).toBe(200);
  });

  it('does not let the grace restart: a replay after it ends the session', async () => {
    const session = (await signIn(false)).body;
    const first = await refresh(session.refreshToken);
    office.advance(REFRESH_GRACE_MS / 2);
    expect((await refresh(session.refreshToken)).status).toBe(200);
    office.advance(REFRESH_GRACE_MS / 2 + 1_000);
    const replay = await refresh(session.refreshToken);
    expect(replay.status).toBe(401);
    expect((await office.request('GET', '/me', { token: first.body.accessToken })).status).toBe(401);
  });

  it('keeps a remembered session past the idle limit, and ends a plain one', async () => {
    const remembered = (await signIn(true)).body;
    const plain = (await signIn(false)).body;
    // The sign-in says which limit applies, so the app can tell the person.
    expect([remembered.idleMinutes, plain.idleMinutes]).toEqual([null, 60]);
    office.advance(3 * 60 * 60_000); // the company's idle limit is 60 minutes
    expect((await refresh(plain.refreshToken)).body.error.code).toBe('session_expired');
    const again = await refresh(remembered.refreshToken);
    expect(again.status).toBe(200);
  });

  it('ends a remembered session at the company absolute limit', async () => {
    await office.request('PATCH', '/admin/company', {
      token: admin,
      body: { security: { rememberedSessionDays: 2 } },
    });
    const remembered = (await signIn(true)).body;
    office.advance(2 * 86_400_000 + 60_000);
    expect((await refresh(remembered.refreshToken)).body.error.code).toBe('session_expired');
  });

  it('gives an elevated session the admin idle limit, remembered or not', async () => {
    const company = await office.request('GET', '/admin/company', { token: admin });
    expect(company.body.security).toMatchObject({
      adminIdleTimeoutMinutes: 15,
      idleSessionTimeoutMinutes: 60,
    });
    const elevated = (await signIn(true, 'admin', ADMIN_EMAIL, ADMIN_PASSWORD)).body;
    expect(elevated.idleMinutes).toBe(15);
    office.advance(14 * 60_000);
    const inTime = await refresh(elevated.refreshToken);
    expect(inTime.status).toBe(200);
    office.advance(16 * 60_000);
    expect((await refresh(inTime.body.refreshToken)).body.error.code).toBe('session_expired');
  });

  it('validates the new company limits', async () => {
    const bad = await office.request('PATCH', '/admin/company', {
      token: admin,
      body: { security: { adminIdleTimeoutMinutes: 0 } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toContain('adminIdleTimeoutMinutes');
  });
});
