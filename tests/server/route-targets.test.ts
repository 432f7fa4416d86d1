// Where phone numbers ring: only targets the office has, picked from its own list; a user who is
// deleted takes no number with them, each is given a new target in the same change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, TestOffice } from '../support/office';

describe.each(DATABASES)('phone numbers’ targets on %s', (database) => {
  let office: TestOffice;
  let admin: string;
  let serial = 0;

  beforeAll(async () => {
    // Ports as a deployment gives them (no SIP service listens in this test: nothing binds them).
    office = await TestOffice.start(database, { sipUdpPort: 5070, sipTcpPort: 5071 });
    admin = await office.adminToken();
  });
  afterAll(() => office?.close());

  const api = (method: string, url: string, body?: unknown, token = admin) =>
    office.request(method, url, { token, body });
  const addUser = async (name: string, extra: Record<string, unknown> = {}) => {
    const email = `${'x'.repeat(30)}.${++serial}@example.com`.slice(-40);
    const created = await api('POST', '/admin/users', { name, email, sendWelcomeEmail: false, ...extra });
    expect(created.status).toBe(201);
    return created.body as { id: string; extension: string; name: string };
  };
  const addNumber = async (routeTarget: string) => {
    const created = await api('POST', '/admin/phone-numbers', {
      number: `+3491123${String(++serial).padStart(4, '0')}`,
      routeType: 'extension',
      routeTarget,
    });
    expect(created.status).toBe(201);
    return created.body as { id: string; number: string };
  };

  it('lists every extension by its owner’s name, and refuses a target the office does not have', async () => {
    const lucia = await addUser('Lucía García-Pérez');
    const listed = await api('GET', '/admin/route-targets');
    expect(listed.status).toBe(200);
    expect(listed.body.items).toContainEqual({
      kind: 'extension',
      number: lucia.extension,
      name: 'Lucía García-Pérez',
    });
    // Each person's extension, and their voicemail box by the same number.
    expect(listed.body.items).toContainEqual({
      kind: 'voicemail',
      number: lucia.extension,
      name: 'Lucía García-Pérez',
    });
    expect(new Set(listed.body.items.map((target: { kind: string }) => target.kind))).toEqual(
      new Set(['extension', 'voicemail']),
    );
    // No ring group, receptionist or conference bridge exists yet: a number cannot ring one.
    for (const routeType of ['ring-group', 'receptionist', 'conference']) {
      const refused = await api('POST', '/admin/phone-numbers', {
        number: '+34911230099',
        routeType,
        routeTarget: '800',
      });
      expect(refused.body.error, routeType).toMatchObject({
        code: 'invalid_field',
        field: 'body.routeTarget',
      });
    }
    const number = await addNumber(lucia.extension);
    const moved = await api('PATCH', `/admin/phone-numbers/${number.id}`, { routeTarget: '999' });
    expect(moved.body.error).toMatchObject({ code: 'invalid_field', field: 'body.routeTarget' });
    expect((await api('PATCH', `/admin/phone-numbers/${number.id}`, { label: 'Ventas' })).status).toBe(200);
  });

  it('lists a ring group as one, by its name, and routes a number to it only as a ring group', async () => {
    const member = await addUser('Zoë Brontë-Ødegaard');
    const group = await api('POST', '/admin/ring-groups', {
      name: 'Ventas España',
      strategy: 'all',
      members: [member.extension],
    });
    expect(group.status).toBe(201);
    const extension = group.body.extension as string;
    const listed = (await api('GET', '/admin/route-targets')).body.items as {
      kind: string;
      number: string;
    }[];
    // The group, and its shared voicemail box.
    expect(listed.filter((target) => target.number === extension)).toEqual([
      { kind: 'ring-group', number: extension, name: 'Ventas España' },
      { kind: 'voicemail', number: extension, name: 'Ventas España' },
    ]);
    const asExtension = await api('POST', '/admin/phone-numbers', {
      number: '+34911230098',
      routeType: 'extension',
      routeTarget: extension,
    });
    expect(asExtension.body.error).toMatchObject({ code: 'invalid_field', field: 'body.routeTarget' });
    const routed = await api('POST', '/admin/phone-numbers', {
      number: '+34911230098',
      routeType: 'ring-group',
      routeTarget: extension,
    });
    expect(routed.status).toBe(201);
    // A member's own extension is not a ring group.
    const notGroup = await api('PATCH', `/admin/phone-numbers/${routed.body.id}`, {
      routeTarget: member.extension,
    });
    expect(notGroup.body.error).toMatchObject({ code: 'invalid_field', field: 'body.routeTarget' });
  });

  it('deletes a user only once each number ringing them has a new target, in the same change', async () => {
    const zoe = await addUser('Zoë Brontë-Ødegaard');
    const lucia = await addUser('Lucía García-Pérez');
    const sales = await addNumber(zoe.extension);
    const support = await addNumber(zoe.extension);
    const elsewhere = await addNumber(lucia.extension);

    const stranded = await api('DELETE', `/admin/users/${zoe.id}`);
    expect(stranded.status).toBe(409);
    expect(stranded.body.error).toMatchObject({ code: 'in_use', field: 'body.reassignNumbers' });
    expect(stranded.body.error.message).toContain(sales.number);
    expect((await api('GET', `/admin/users/${zoe.id}`)).status).toBe(200);

    const half = await api('DELETE', `/admin/users/${zoe.id}`, {
      reassignNumbers: [{ id: sales.id, routeType: 'extension', routeTarget: lucia.extension }],
    });
    expect(half.body.error.message).toContain(support.number);
    const toItself = await api('DELETE', `/admin/users/${zoe.id}`, {
      reassignNumbers: [
        { id: sales.id, routeType: 'extension', routeTarget: lucia.extension },
        { id: support.id, routeType: 'extension', routeTarget: zoe.extension },
      ],
    });
    expect(toItself.body.error).toMatchObject({ code: 'invalid_field', field: 'body.reassignNumbers' });
    const notTheirs = await api('DELETE', `/admin/users/${zoe.id}`, {
      reassignNumbers: [
        { id: sales.id, routeType: 'extension', routeTarget: lucia.extension },
        { id: support.id, routeType: 'extension', routeTarget: lucia.extension },
        { id: elsewhere.id, routeType: 'extension', routeTarget: lucia.extension },
      ],
    });
    expect(notTheirs.body.error).toMatchObject({ code: 'invalid_field', field: 'body.reassignNumbers' });
    const nowhere = await api('DELETE', `/admin/users/${zoe.id}`, {
      reassignNumbers: [
        { id: sales.id, routeType: 'extension', routeTarget: lucia.extension },
        { id: support.id, routeType: 'ring-group', routeTarget: '800' },
      ],
    });
    expect(nowhere.body.error).toMatchObject({ code: 'invalid_field', field: 'body.reassignNumbers' });
    // Nothing of the refused attempts stuck.
    expect((await api('GET', `/admin/phone-numbers/${sales.id}`)).body.routeTarget).toBe(zoe.extension);
    expect((await api('GET', `/admin/users/${zoe.id}`)).status).toBe(200);

    const deleted = await api('DELETE', `/admin/users/${zoe.id}`, {
      reassignNumbers: [
        { id: sales.id, routeType: 'extension', routeTarget: lucia.extension },
        { id: support.id, routeType: 'extension', routeTarget: lucia.extension },
      ],
    });
    expect(deleted.status).toBe(204);
    for (const number of [sales, support])
      expect((await api('GET', `/admin/phone-numbers/${number.id}`)).body).toMatchObject({
        routeType: 'extension',
        routeTarget: lucia.extension,
      });
    const audit = (await api('GET', '/admin/audit-log?limit=20')).body.items as {
      action: string;
      targetId: string;
    }[];
    expect(audit.filter((entry) => entry.action === 'phone-number.updated').map((e) => e.targetId)).toEqual(
      expect.arrayContaining([sales.id, support.id]),
    );
  });

  it('lets a plain admin move no number onto an administrator’s extension while deleting', async () => {
    const plain = await office.createSignedInUser(admin, 'Plain Admin', { role: 'admin' });
    const plainToken = (await office.login(plain.email, plain.password, 'admin')).body.accessToken as string;
    const leaving = await addUser('Leaving User');
    const number = await addNumber(leaving.extension);
    const boss = (await api('GET', '/admin/users?search=boss')).body.items[0] as { extension: string };
    const refused = await api(
      'DELETE',
      `/admin/users/${leaving.id}`,
      { reassignNumbers: [{ id: number.id, routeType: 'extension', routeTarget: boss.extension }] },
      plainToken,
    );
    expect(refused.status).toBe(403);
    expect((await api('GET', `/admin/users/${leaving.id}`)).status).toBe(200);
  });

  it('routes a number straight to a person’s or a ring group’s voicemail box, and to no other', async () => {
    const ines = await addUser('Inés Buzón');
    const group = await api('POST', '/admin/ring-groups', {
      name: 'Soporte',
      strategy: 'all',
      members: [ines.extension],
    });
    const conference = await api('POST', '/admin/conferences', { name: 'Sala grande' });
    expect(conference.status, JSON.stringify(conference.body)).toBe(201);
    for (const target of [ines.extension, group.body.extension as string]) {
      const routed = await api('POST', '/admin/phone-numbers', {
        number: `+3491124${String(++serial).padStart(4, '0')}`,
        routeType: 'voicemail',
        routeTarget: target,
      });
      expect(routed.status, JSON.stringify(routed.body)).toBe(201);
      expect(routed.body).toMatchObject({ routeType: 'voicemail', routeTarget: target });
    }
    // A conference bridge has no box, nor has an extension the office does not have.
    for (const target of [conference.body.extension as string, '999']) {
      const refused = await api('POST', '/admin/phone-numbers', {
        number: '+34911240999',
        routeType: 'voicemail',
        routeTarget: target,
      });
      expect(refused.status, target).toBe(400);
      expect(refused.body.error).toMatchObject({
        code: 'invalid_field',
        field: 'body.routeTarget',
        message: `There is no voicemail box ${target}`,
      });
    }
    // Forwarding and the numbering plan know extensions: a box is no destination of its own.
    const destinations = (await api('GET', '/directory/destinations')).body.items as { kind: string }[];
    expect(destinations.map((target) => target.kind)).not.toContain('voicemail');
  });

  it('deletes no person or ring group while a number goes to their box', async () => {
    const olga = await addUser('Olga Box');
    const lucia = await addUser('Lucía Other');
    const number = (
      await api('POST', '/admin/phone-numbers', {
        number: '+34911250001',
        routeType: 'voicemail',
        routeTarget: olga.extension,
      })
    ).body as { id: string; number: string };
    const stranded = await api('DELETE', `/admin/users/${olga.id}`);
    expect(stranded.status).toBe(409);
    expect(stranded.body.error).toMatchObject({ code: 'in_use', field: 'body.reassignNumbers' });
    expect(stranded.body.error.message).toContain(number.number);
    const ownBox = await api('DELETE', `/admin/users/${olga.id}`, {
      reassignNumbers: [{ id: number.id, routeType: 'voicemail', routeTarget: olga.extension }],
    });
    expect(ownBox.body.error).toMatchObject({ code: 'invalid_field', field: 'body.reassignNumbers' });
    const moved = await api('DELETE', `/admin/users/${olga.id}`, {
      reassignNumbers: [{ id: number.id, routeType: 'voicemail', routeTarget: lucia.extension }],
    });
    expect(moved.status).toBe(204);
    expect((await api('GET', `/admin/phone-numbers/${number.id}`)).body).toMatchObject({
      routeType: 'voicemail',
      routeTarget: lucia.extension,
    });

    const group = await api('POST', '/admin/ring-groups', {
      name: 'Caja común',
      strategy: 'all',
      members: [lucia.extension],
    });
    const groupNumber = await api('POST', '/admin/phone-numbers', {
      number: '+34911250002',
      routeType: 'voicemail',
      routeTarget: group.body.extension,
    });
    const inUse = await api('DELETE', `/admin/ring-groups/${group.body.id}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.code).toBe('in_use');
    expect(inUse.body.error.message).toContain('+34911250002');
    await api('DELETE', `/admin/phone-numbers/${groupNumber.body.id}`);
    expect((await api('DELETE', `/admin/ring-groups/${group.body.id}`)).status).toBe(204);
  });

  it('lets a plain admin route no number to an administrator’s box', async () => {
    const plain = await office.createSignedInUser(admin, 'Plain Boxer', { role: 'admin' });
    const plainToken = (await office.login(plain.email, plain.password, 'admin')).body.accessToken as string;
    const boss = (await api('GET', '/admin/users?search=boss')).body.items[0] as { extension: string };
    const refused = await api(
      'POST',
      '/admin/phone-numbers',
      { number: '+34911250003', routeType: 'voicemail', routeTarget: boss.extension },
      plainToken,
    );
    expect(refused.status).toBe(403);
  });

  it('tells where desk phones register: the public address, the domain and each transport’s port', async () => {
    const server = await api('GET', '/admin/sip-server');
    expect(server.body).toEqual({
      address: office.office.config.publicAddress,
      domain: 'office.example.com',
      transports: [
        { transport: 'udp', port: 5070 },
        { transport: 'tcp', port: 5071 },
      ],
    });
  });
});
