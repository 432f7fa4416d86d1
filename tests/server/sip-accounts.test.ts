import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, useTestOffice } from '../support/office';
import { SipAccounts, findExtensionTarget } from '../../server/directory/sip-accounts';

describe.each(DATABASES)('who may register, on %s', (database) => {
  const office = useTestOffice(database);
  let admin: string;

  beforeAll(async () => {
    admin = await office.adminToken();
  });

  it('follows suspension, portal access and release of devices', async () => {
    const created = await office.request('POST', '/admin/users', {
      token: admin,
      body: { name: 'Sip Sam', email: 'sip.sam@example.com', sendWelcomeEmail: false },
    });
    const userId = created.body.id as string;
    const desk = await office.request('POST', '/admin/devices', {
      token: admin,
      body: { kind: 'desk-phone', model: 'Cisco 8841', extension: created.body.extension },
    });
    const devices = (await office.request('GET', `/admin/users/${userId}`, { token: admin })).body
      .devices as any[];
    const soft = devices.find((d) => d.kind === 'softphone');
    const db = office.office.db;
    const accounts = new SipAccounts(db, office.office.secrets);

    expect(await accounts.find(soft.sipUsername)).toMatchObject({
      kind: 'softphone',
      extension: created.body.extension,
      userId,
    });
    expect(await accounts.find(desk.body.sipUsername)).toMatchObject({
      kind: 'desk-phone',
      password: desk.body.sipPassword,
    });
    expect(await accounts.find('d000000000000')).toBeNull();

    await office.request('PATCH', `/admin/users/${userId}`, { token: admin, body: { portalAccess: false } });
    expect(await accounts.find(soft.sipUsername)).toBeNull();
    expect(await accounts.find(desk.body.sipUsername)).not.toBeNull();

    await office.request('PATCH', `/admin/users/${userId}`, { token: admin, body: { status: 'suspended' } });
    expect(await accounts.find(desk.body.sipUsername)).toBeNull();
    await office.request('PATCH', `/admin/users/${userId}`, {
      token: admin,
      body: { status: 'active', portalAccess: true },
    });
    expect(await accounts.find(soft.sipUsername)).not.toBeNull();

    await office.request('PATCH', `/admin/devices/${desk.body.id}`, {
      token: admin,
      body: { extension: null },
    });
    expect(await accounts.find(desk.body.sipUsername)).toBeNull();

    const target = await findExtensionTarget(db, created.body.extension);
    expect(target).toMatchObject({
      userId,
      callerIdName: 'Sip Sam',
      preferences: { ringTimeoutSeconds: 25 },
    });
    expect(await findExtensionTarget(db, '999')).toBeNull();
  });

  it('keeps passwords sealed at rest and reads new credentials at once', async () => {
    const created = await office.request('POST', '/admin/users', {
      token: admin,
      body: { name: 'Sealed Sid', email: 'sealed.sid@example.com', sendWelcomeEmail: false },
    });
    const desk = await office.request('POST', '/admin/devices', {
      token: admin,
      body: { kind: 'desk-phone', model: 'Polycom', extension: created.body.extension },
    });
    const stored = await office.office.db
      .selectFrom('devices')
      .select('sip_password_sealed')
      .where('id', '=', desk.body.id)
      .executeTakeFirstOrThrow();
    expect(stored.sip_password_sealed).toMatch(/^sb1:/);
    expect(stored.sip_password_sealed).not.toContain(desk.body.sipPassword);

    const accounts = new SipAccounts(office.office.db, office.office.secrets);
    expect((await accounts.find(desk.body.sipUsername))?.password).toBe(desk.body.sipPassword);
    // Looked up again (from the cache): the same.
    expect((await accounts.find(desk.body.sipUsername))?.password).toBe(desk.body.sipPassword);
    const regenerated = await office.request('PATCH', `/admin/devices/${desk.body.id}`, {
      token: admin,
      body: { regenerateCredentials: true },
    });
    expect(regenerated.body.sipPassword).toMatch(/^\S{24}$/);
    expect(await accounts.find(desk.body.sipUsername)).toBeNull();
    expect((await accounts.find(regenerated.body.sipUsername))?.password).toBe(regenerated.body.sipPassword);
    // A username that looks like anything at all is only ever a bound value.
    expect(await accounts.find("' or 1=1 --")).toBeNull();
  });
});
