// The numbering plan through the API: each kind of extension from its own range, ranges checked
// (length, order, overlap), a plan that would leave extensions outside refused with the list of
// them (number, kind, owner) and nothing saved, the change audited, and only administrators.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, TestOffice } from '../support/office';
import { FEATURE_CODES } from '../../common/api/feature-codes';

const DEFAULTS = {
  extension: { first: '100', last: '599' },
  'ring-group': { first: '600', last: '699' },
  receptionist: { first: '700', last: '799' },
  conference: { first: '800', last: '899' },
};

describe.each(DATABASES)('the numbering plan on %s', (database) => {
  let office: TestOffice;
  let admin: string;
  let serial = 0;

  beforeAll(async () => {
    office = await TestOffice.start(database);
    admin = await office.adminToken();
  });
  afterAll(() => office?.close());

  const api = (method: string, url: string, body?: unknown, token = admin) =>
    office.request(method, url, { token, body });
  const addUser = async (name: string, extra: Record<string, unknown> = {}) =>
    api('POST', '/admin/users', {
      name,
      email: `plan.${++serial}@example.com`,
      sendWelcomeEmail: false,
      ...extra,
    });
  const put = (extensionLength: number, ranges: Record<string, { first: string; last: string }>) =>
    api('PUT', '/admin/numbering-plan', { extensionLength, ranges });

  it('starts from a range per kind, lists the feature codes, and takes each kind’s extensions from its range', async () => {
    const plan = await api('GET', '/admin/numbering-plan');
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({ extensionLength: 3, ranges: DEFAULTS, conflicts: [] });
    expect(plan.body.featureCodes).toEqual(FEATURE_CODES);

    // The administrator the office made itself has 100.
    const user = await addUser('Ana Plan');
    expect(user.body.extension).toBe('101');
    const group = await api('POST', '/admin/ring-groups', {
      name: 'Plan Group',
      strategy: 'all',
      members: [],
    });
    expect(group.body, JSON.stringify(group.body)).toMatchObject({ extension: '600' });
    // By hand, an extension must still lie in its own kind's range.
    const userInGroupRange = await addUser('Ben Plan', { extension: '650' });
    expect(userInGroupRange.body.error).toMatchObject({ code: 'extension_invalid', field: 'body.extension' });
    const groupInUserRange = await api('POST', '/admin/ring-groups', {
      name: 'Wrong Place',
      strategy: 'all',
      members: [],
      extension: '150',
    });
    expect(groupInUserRange.body.error).toMatchObject({ code: 'extension_invalid', field: 'body.extension' });
    const moved = await api('PATCH', `/admin/ring-groups/${group.body.id}`, { extension: '555' });
    expect(moved.body.error.code).toBe('extension_invalid');
  });

  it('refuses a plan that leaves extensions outside, listing each with its kind and owner, and saves nothing', async () => {
    const longer = await put(4, {
      extension: { first: '1000', last: '5999' },
      'ring-group': { first: '6000', last: '6999' },
      receptionist: { first: '7000', last: '7999' },
      conference: { first: '8000', last: '8999' },
    });
    expect(longer.status).toBe(409);
    expect(longer.body.error.code).toBe('numbering_conflict');
    expect(longer.body.error.conflicts).toEqual(
      expect.arrayContaining([
        { number: '101', kind: 'extension', name: 'Ana Plan', reason: 'length' },
        { number: '600', kind: 'ring-group', name: 'Plan Group', reason: 'length' },
      ]),
    );
    const groupsElsewhere = await put(3, { ...DEFAULTS, 'ring-group': { first: '610', last: '699' } });
    expect(groupsElsewhere.status).toBe(409);
    expect(groupsElsewhere.body.error.conflicts).toEqual([
      { number: '600', kind: 'ring-group', name: 'Plan Group', reason: 'range' },
    ]);
    expect(groupsElsewhere.body.error.message).toContain('600 (Plan Group)');
    expect((await api('GET', '/admin/numbering-plan')).body.ranges).toEqual(DEFAULTS);
  });

  it('refuses ranges of the wrong length, backwards or overlapping, naming the field', async () => {
    const cases: [Record<string, { first: string; last: string }>, string][] = [
      [{ ...DEFAULTS, receptionist: { first: '70', last: '799' } }, 'body.ranges.receptionist.first'],
      [{ ...DEFAULTS, conference: { first: '899', last: '800' } }, 'body.ranges.conference.last'],
      [{ ...DEFAULTS, conference: { first: '790', last: '899' } }, 'body.ranges.conference'],
      [{ ...DEFAULTS, 'ring-group': { first: '500', last: '650' } }, 'body.ranges.ring-group'],
    ];
    for (const [ranges, field] of cases) {
      const refused = await put(3, ranges);
      expect(refused.status, field).toBe(400);
      expect(refused.body.error, field).toMatchObject({ code: 'invalid_field', field });
    }
    const missing = {
      extension: DEFAULTS.extension,
      'ring-group': DEFAULTS['ring-group'],
      receptionist: DEFAULTS.receptionist,
    };
    expect((await put(3, missing)).body.error).toMatchObject({
      code: 'missing_field',
      field: 'body.ranges.conference',
    });
    expect((await put(9, DEFAULTS)).body.error).toMatchObject({
      code: 'invalid_field',
      field: 'body.extensionLength',
    });
    expect((await put(3, { ...DEFAULTS, extension: { first: '1a0', last: '599' } })).status).toBe(400);
  });

  it('saves a plan that holds every extension, audited; new extensions follow it; users may not touch it', async () => {
    const ranges = {
      extension: { first: '100', last: '299' },
      'ring-group': { first: '300', last: '399' },
      receptionist: { first: '500', last: '549' },
      conference: { first: '550', last: '599' },
    };
    // The group at 600 stays inside the ring groups' range until it moves: renumber it first.
    const group = (await api('GET', '/admin/ring-groups')).body.items[0];
    const widened = await put(3, {
      extension: ranges.extension,
      'ring-group': { first: '300', last: '699' },
      receptionist: { first: '700', last: '749' },
      conference: { first: '750', last: '799' },
    });
    expect(widened.status).toBe(200);
    expect((await api('PATCH', `/admin/ring-groups/${group.id}`, { extension: '300' })).status).toBe(200);
    const saved = await put(3, ranges);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ extensionLength: 3, ranges, conflicts: [] });
    const next = await api('POST', '/admin/ring-groups', { name: 'Second', strategy: 'hunt', members: [] });
    expect(next.body.extension).toBe('301');
    expect((await addUser('Cleo Plan', { extension: '450' })).body.error.code).toBe('extension_invalid');

    const audit = (await api('GET', '/admin/audit-log?limit=50')).body.items as {
      action: string;
      details: unknown;
    }[];
    expect(audit.find((entry) => entry.action === 'numbering-plan.updated')?.details).toEqual({
      extensionLength: 3,
      ranges,
    });

    const user = await office.createSignedInUser(admin, 'Dev Plan');
    expect((await api('GET', '/admin/numbering-plan', undefined, user.token)).status).toBe(403);
    expect(
      (await api('PUT', '/admin/numbering-plan', { extensionLength: 3, ranges }, user.token)).status,
    ).toBe(403);
  });

  it('lists extensions already outside the plan (kept from before it had ranges)', async () => {
    await office.office.db
      .insertInto('extensions')
      .values({
        id: 'legacy',
        number: '950',
        caller_id_name: 'Old Fax',
        user_id: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    const plan = await api('GET', '/admin/numbering-plan');
    expect(plan.body.conflicts).toEqual([
      { number: '950', kind: 'extension', name: 'Old Fax', reason: 'range' },
    ]);
    await office.office.db.deleteFrom('extensions').where('id', '=', 'legacy').execute();
  });
});
