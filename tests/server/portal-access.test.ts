import { beforeAll, describe, expect, it } from 'vitest';
import { EventStreamReader } from '../support/event-stream';
import { DATABASES, useTestOffice } from '../support/office';

describe.each(DATABASES)('portal access per user on %s', (database) => {
  const office = useTestOffice(database);
  let admin: string;

  beforeAll(async () => {
    admin = await office.adminToken();
  });

  it('turns sign-in and refresh off at once, revokes only the softphone, and turns back on', async () => {
    const user = await office.createSignedInUser(admin, 'Contractor Carl');
    const deskPhone = await office.request('POST', '/admin/devices', {
      token: admin,
      body: { kind: 'desk-phone', model: 'Polycom VVX 450', extension: user.extension },
    });
    const devices = (await office.request('GET', `/admin/users/${user.id}`, { token: admin })).body
      .devices as any[];
    const softphone = devices.find((d) => d.kind === 'softphone');
    const revoked: string[][] = [];
    office.office.events.on('sip-credentials-revoked', (names) => revoked.push(names));

    const off = await office.request('PATCH', `/admin/users/${user.id}`, {
      token: admin,
      body: { portalAccess: false },
    });
    expect(off.status).toBe(200);
    expect(off.body.portalAccess).toBe(false);
    expect(revoked).toEqual([[softphone.sipUsername]]);
    expect(revoked.flat()).not.toContain(deskPhone.body.sipUsername);

    // The app is told why, not that it was idle.
    const me = await office.request('GET', '/me', { token: user.token });
    expect(me.status).toBe(401);
    expect(me.body.error).toMatchObject({ code: 'session_expired', reason: 'sign-in-turned-off' });
    const refresh = await office.request('POST', '/auth/refresh', {
      body: { refreshToken: user.refreshToken },
    });
    expect(refresh.status).toBe(401);
    expect(refresh.body.error.reason).toBe('sign-in-turned-off');
    const login = await office.login(user.email, user.password);
    expect(login.status).toBe(403);
    expect(login.body.error.code).toBe('portal_access_disabled');
    // A wrong password still gets the generic answer: the account state is told only to its owner.
    expect((await office.login(user.email, 'wrong-password-1')).body.error.code).toBe('invalid_credentials');

    const audit = await office.request('GET', '/admin/audit-log', { token: admin });
    expect(audit.body.items[0]).toMatchObject({
      action: 'user.updated',
      actorName: 'Administrator',
      targetId: user.id,
      details: { portalAccess: false },
    });

    const on = await office.request('PATCH', `/admin/users/${user.id}`, {
      token: admin,
      body: { portalAccess: true },
    });
    expect(on.body.portalAccess).toBe(true);
    expect((await office.login(user.email, user.password)).status).toBe(200);
  });

  it('ends a listening app at once, without waiting for a heartbeat, and tells each reason', async () => {
    const user = await office.createSignedInUser(admin, 'Zoë Brontë-Ødegaard');
    const stream = await EventStreamReader.open(office.baseUrl, user.token);
    expect(stream.status).toBe(200);
    await office.request('PATCH', `/admin/users/${user.id}`, { token: admin, body: { portalAccess: false } });
    expect(await stream.next()).toEqual({
      event: 'signed-out',
      data: { type: 'signed-out', reason: 'session-ended' },
    });
    await stream.closedByServer();
    await office.request('PATCH', `/admin/users/${user.id}`, { token: admin, body: { portalAccess: true } });

    const again = await office.login(user.email, user.password);
    await office.request('PATCH', `/admin/users/${user.id}`, { token: admin, body: { status: 'suspended' } });
    const suspended = await office.request('GET', '/me', { token: again.body.accessToken });
    expect(suspended.body.error).toMatchObject({ code: 'session_expired', reason: 'suspended' });
    await office.request('PATCH', `/admin/users/${user.id}`, { token: admin, body: { status: 'active' } });

    const third = await office.login(user.email, user.password);
    const reset = await office.request('POST', `/admin/users/${user.id}/password-reset`, {
      token: admin,
      body: { mode: 'automatic' },
    });
    expect(reset.status).toBe(204);
    const afterReset = await office.request('GET', '/me', { token: third.body.accessToken });
    expect(afterReset.body.error).toMatchObject({ code: 'session_expired', reason: 'password-reset' });
  });

  it('says a session was idle only when it was', async () => {
    const user = await office.createSignedInUser(admin, 'Lucía García-Pérez');
    const company = (await office.request('GET', '/admin/company', { token: admin })).body;
    office.advance((company.security.idleSessionTimeoutMinutes + 1) * 60_000);
    try {
      const me = await office.request('GET', '/me', { token: user.token });
      // The access token outlives nothing here: ten minutes, so the refresh tells.
      const refreshed = await office.request('POST', '/auth/refresh', {
        body: { refreshToken: user.refreshToken },
      });
      expect([me.status, refreshed.status]).toEqual([401, 401]);
      expect(refreshed.body.error).toMatchObject({ code: 'session_expired', reason: 'idle' });
    } finally {
      office.advance(-(company.security.idleSessionTimeoutMinutes + 1) * 60_000);
    }
  });
});
