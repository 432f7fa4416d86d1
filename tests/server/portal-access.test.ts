import { beforeAll, describe, expect, it } from 'vitest';
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

    const me = await office.request('GET', '/me', { token: user.token });
    expect(me.status).toBe(401);
    const refresh = await office.request('POST', '/auth/refresh', {
      body: { refreshToken: user.refreshToken },
    });
    expect(refresh.status).toBe(401);
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
});
