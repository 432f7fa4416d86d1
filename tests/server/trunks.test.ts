// Trunks through the API, without the SIP service (trunks against a carrier: tests/sip): every
// setting checked with the field it concerns, the carrier's password sealed and never shown or
// audited, a plain admin refused; and the company's main number, one of the office's numbers.
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, useTestOffice } from '../support/office';

const PASSWORD = 'Carrier-secret-77';

describe.each(DATABASES)('trunks through the API on %s', (database) => {
  const office = useTestOffice(database);
  let boss: string;
  let admin: string;

  beforeAll(async () => {
    boss = await office.adminToken();
    const colleague = await office.createSignedInUser(boss, 'Trunk Admin', { role: 'admin' });
    admin = (await office.login(colleague.email, colleague.password, 'admin')).body.accessToken;
  });

  const create = (body: Record<string, unknown>, token = boss) =>
    office.request('POST', '/admin/trunks', { token, body });
  const registration = (name: string, extra: Record<string, unknown> = {}) => ({
    kind: 'registration',
    name,
    host: '192.0.2.20',
    registration: { username: 'office', password: PASSWORD },
    ...extra,
  });

  it('keeps the carrier’s password sealed: never in an answer, the audit or the database as written', async () => {
    const created = await create(registration('Sealed'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'registration',
      transport: 'UDP',
      codecs: ['PCMA', 'PCMU', 'telephone-event'],
      registration: { username: 'office', authUsername: null, domain: null, expires: 600, passwordSet: true },
      // No SIP service runs in this office: nothing is registering.
      status: { state: 'stopped', lastError: null },
    });
    const id = created.body.id as string;
    const listed = await office.request('GET', '/admin/trunks', { token: boss });
    const audit = await office.request('GET', '/admin/audit-log', { token: boss });
    const row = await office.office.db
      .selectFrom('trunks')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    for (const text of [
      JSON.stringify(created.body),
      JSON.stringify(listed.body),
      JSON.stringify(audit.body),
    ])
      expect(text).not.toContain(PASSWORD);
    expect(JSON.stringify(row)).not.toContain(PASSWORD);
    expect(office.office.secrets.unseal(row.password_sealed!)).toBe(PASSWORD);

    // A change without a password keeps the one sealed; the audit says only that it changed.
    await office.request('PATCH', `/admin/trunks/${id}`, {
      token: boss,
      body: { registration: { username: 'office2' } },
    });
    const kept = await office.office.db
      .selectFrom('trunks')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(kept.password_sealed).toBe(row.password_sealed);
    const changed = await office.request('PATCH', `/admin/trunks/${id}`, {
      token: boss,
      body: { registration: { password: 'Another-secret-8' } },
    });
    expect(changed.body.registration).toMatchObject({ username: 'office2', passwordSet: true });
    const entries = (await office.request('GET', '/admin/audit-log', { token: boss })).body;
    expect(JSON.stringify(entries)).not.toContain('Another-secret-8');
    expect(JSON.stringify(entries)).toContain('passwordChanged');
  });

  it('names the field that is wrong, and stores nothing', async () => {
    const refusals: [Record<string, unknown>, number, string][] = [
      [{ kind: 'ip', name: 'No addresses', host: '192.0.2.1' }, 400, 'body.addresses'],
      [
        {
          kind: 'ip',
          name: 'Registers',
          host: '192.0.2.1',
          addresses: ['192.0.2.1'],
          registration: { username: 'a', password: 'b' },
        },
        400,
        'body.registration',
      ],
      [
        { kind: 'ip', name: 'Too wide', host: '192.0.2.1', addresses: ['10.0.0.0/4'] },
        400,
        'body.addresses.0',
      ],
      [{ kind: 'ip', name: 'Mistyped', host: '192.0.2.300', addresses: ['192.0.2.1'] }, 400, 'body.host'],
      [{ kind: 'ip', name: 'Nowhere', host: 'carrier.invalid', addresses: ['192.0.2.1'] }, 400, 'body.host'],
      [{ kind: 'registration', name: 'No account', host: '192.0.2.1' }, 400, 'body.registration'],
      [registration('TLS', { transport: 'TLS' }), 400, 'body.transport'],
      [registration('No voice', { codecs: ['telephone-event'] }), 400, 'body.codecs'],
      [registration('No events', { codecs: ['PCMA'], dtmfMode: 'rfc4733' }), 400, 'body.codecs'],
    ];
    for (const [body, status, field] of refusals) {
      const answer = await create(body);
      expect({ name: body.name, status: answer.status, field: answer.body.error?.field }).toEqual({
        name: body.name,
        status,
        field,
      });
    }
    const names = (await office.request('GET', '/admin/trunks', { token: boss })).body.items.map(
      (t: { name: string }) => t.name,
    );
    for (const [body] of refusals) expect(names).not.toContain(body.name);

    expect((await create(registration('Twice'))).status).toBe(201);
    const again = await create(registration('Twice'));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'name_taken', field: 'body.name' });
  });

  it('lets a plain admin neither read nor change trunks', async () => {
    const id = (await create(registration('Hidden'))).body.id as string;
    expect((await office.request('GET', '/admin/trunks', { token: admin })).status).toBe(403);
    expect((await office.request('GET', `/admin/trunks/${id}`, { token: admin })).status).toBe(403);
    expect((await create(registration('Sneaky'), admin)).status).toBe(403);
    expect((await office.request('DELETE', `/admin/trunks/${id}`, { token: admin })).status).toBe(403);
    expect((await office.request('GET', `/admin/trunks/${id}`, { token: boss })).status).toBe(200);
  });

  it('keeps one main number, one of the office’s, chosen by a super admin only', async () => {
    const { extension } = await office.createSignedInUser(boss, 'Trunk Tomás');
    const number = async (value: string) =>
      (
        await office.request('POST', '/admin/phone-numbers', {
          token: boss,
          body: { number: value, routeType: 'extension', routeTarget: extension },
        })
      ).body.id as string;
    await number('+34910000001');
    await number('+34910000002');
    const choose = (mainNumber: string | null, token = boss) =>
      office.request('PATCH', '/admin/company', { token, body: { mainNumber } });

    expect((await choose('+34910000001')).body.mainNumber).toBe('+34910000001');
    expect((await choose('+34910000002')).body.mainNumber).toBe('+34910000002');
    const numbers = (await office.request('GET', '/admin/phone-numbers', { token: boss })).body.items as {
      number: string;
      isMain: boolean;
    }[];
    expect(numbers.filter((n) => n.isMain).map((n) => n.number)).toEqual(['+34910000002']);

    const foreign = await choose('+34919999999');
    expect(foreign.status).toBe(400);
    expect(foreign.body.error).toMatchObject({ code: 'invalid_field', field: 'body.mainNumber' });
    expect((await choose('+34910000001', admin)).status).toBe(403);
    // Neither refusal moved it.
    expect((await office.request('GET', '/admin/company', { token: boss })).body.mainNumber).toBe(
      '+34910000002',
    );
    expect((await choose(null)).body.mainNumber).toBeNull();
  });
});
