import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, TestOffice } from '../support/office';
import { findExtensionTarget, findSipAccount } from '../../server/directory/sip-accounts';

describe.each(DATABASES)('who may register, on %s', (database) => {
  let office: TestOffice;
  let admin: string;

  beforeAll(async () => {
    office = await TestOffice.start(database);
    admin = await office.adminToken();
  });
  afterAll(() => office?.close());

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

    expect(await findSipAccount(db, soft.sipUsername)).toMatchObject({
      kind: 'softphone',
      extension: created.body.extension,
      password: soft.sipPassword,
      userId,
    });
    expect(await findSipAccount(db, 'd000000000000')).toBeNull();

    await office.request('PATCH', `/admin/users/${userId}`, { token: admin, body: { portalAccess: false } });
    expect(await findSipAccount(db, soft.sipUsername)).toBeNull();
    expect(await findSipAccount(db, desk.body.sipUsername)).not.toBeNull();

    await office.request('PATCH', `/admin/users/${userId}`, { token: admin, body: { status: 'suspended' } });
    expect(await findSipAccount(db, desk.body.sipUsername)).toBeNull();
    await office.request('PATCH', `/admin/users/${userId}`, {
      token: admin,
      body: { status: 'active', portalAccess: true },
    });
    expect(await findSipAccount(db, soft.sipUsername)).not.toBeNull();

    await office.request('PATCH', `/admin/devices/${desk.body.id}`, {
      token: admin,
      body: { extension: null },
    });
    expect(await findSipAccount(db, desk.body.sipUsername)).toBeNull();

    const target = await findExtensionTarget(db, created.body.extension);
    expect(target).toMatchObject({
      userId,
      callerIdName: 'Sip Sam',
      preferences: { ringTimeoutSeconds: 25 },
    });
    expect(await findExtensionTarget(db, '999')).toBeNull();
  });
});
