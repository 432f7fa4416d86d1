// Conference bridges in the directory, on both databases: a bridge's extension is unique among
// all extensions, its PINs are stored hashed and never shown, bad input is refused with the
// field, a bridge still used by a phone number is not deleted, a bridge is a route target, and
// only administrators manage bridges. The calls themselves: tests/sip/conferences.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, useTestOffice } from '../support/office';
import { findConferencePlan } from '../../server/directory/conferences';
import { verifyPassword } from '../../server/accounts/passwords';

describe.each(DATABASES)('conference bridges on %s', (database) => {
  const office = useTestOffice(database);
  let admin: string;
  let user: { token: string; extension: string };

  const api = (method: string, url: string, body?: unknown, token = admin) =>
    office.request(method, url, { token, body });

  beforeAll(async () => {
    admin = await office.adminToken();
    user = await office.createSignedInUser(admin, 'Una User');
  });

  it('creates a bridge on a free extension of its own; its PINs are hashed and never shown', async () => {
    const created = await api('POST', '/admin/conferences', {
      name: 'Board',
      pin: '4821',
      moderatorPin: '97531',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Board',
      hasPin: true,
      hasModeratorPin: true,
      endWithModerator: false,
      maxParticipants: 20,
    });
    expect(JSON.stringify(created.body)).not.toMatch(/4821|97531/);
    const extension = created.body.extension as string;
    expect(extension).not.toBe(user.extension);
    const plan = (await findConferencePlan(office.office.db, extension))!;
    expect(plan.pinHash).not.toContain('4821');
    expect(await verifyPassword('4821', plan.pinHash!)).toBe(true);
    expect(await verifyPassword('97531', plan.moderatorPinHash!)).toBe(true);
    // Nobody else gets that extension.
    const clash = await api('POST', '/admin/users', { name: 'Clash', email: 'clash@example.com', extension });
    expect([clash.status, clash.body.error.code]).toEqual([409, 'extension_taken']);
    const again = await api('POST', '/admin/conferences', { name: 'Again', extension });
    expect([again.status, again.body.error.code]).toEqual([409, 'extension_taken']);

    // Clearing a PIN, changing the other: the API still only says whether each is set.
    const patched = await api('PATCH', `/admin/conferences/${created.body.id}`, {
      pin: null,
      moderatorPin: '13579',
      endWithModerator: true,
      maxParticipants: 5,
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      hasPin: false,
      hasModeratorPin: true,
      endWithModerator: true,
      maxParticipants: 5,
    });
    const after = (await findConferencePlan(office.office.db, extension))!;
    expect(after.pinHash).toBeNull();
    expect(await verifyPassword('13579', after.moderatorPinHash!)).toBe(true);

    // Listed, and among the targets a phone number may ring.
    const list = await api('GET', '/admin/conferences');
    expect(list.body.items.map((c: { extension: string }) => c.extension)).toContain(extension);
    const targets = await api('GET', '/admin/route-targets');
    const targetList = (targets.body.items ?? targets.body) as { kind: string; number: string }[];
    expect(targetList).toContainEqual(expect.objectContaining({ kind: 'conference', number: extension }));
    expect(targetList).not.toContainEqual(expect.objectContaining({ kind: 'extension', number: extension }));

    const audit = await api('GET', '/admin/audit-log');
    const actions = audit.body.items.map((entry: { action: string }) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['conference.created', 'conference.updated']));
  });

  it('refuses bad input with the field at fault, and changes nothing', async () => {
    const before = (await api('GET', '/admin/conferences')).body.items.length;
    const refusals: [unknown, string][] = [
      [{ name: '' }, 'body.name'],
      [{ name: 'X', pin: '12a4' }, 'body.pin'],
      [{ name: 'X', pin: '123' }, 'body.pin'],
      [{ name: 'X', pin: '1'.repeat(13) }, 'body.pin'],
      [{ name: 'X', maxParticipants: 1 }, 'body.maxParticipants'],
      [{ name: 'X', maxParticipants: 1000 }, 'body.maxParticipants'],
      [{ name: 'X', extension: '12ab' }, 'body.extension'],
      [{ name: 'X', pin: '5555', moderatorPin: '5555' }, 'body.moderatorPin'],
    ];
    for (const [body, field] of refusals) {
      const response = await api('POST', '/admin/conferences', body);
      expect([response.status, response.body.error.field], JSON.stringify(body)).toEqual([400, field]);
    }
    const unknown = await api('POST', '/admin/conferences', { name: 'X', pinHash: 'x' });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'unknown_field']);
    expect((await api('GET', '/admin/conferences')).body.items).toHaveLength(before);

    // A new PIN equal to the moderator PIN already stored (only its hash is there) is refused too.
    const bridge = (await api('POST', '/admin/conferences', { name: 'Same', moderatorPin: '8642' })).body;
    const same = await api('PATCH', `/admin/conferences/${bridge.id}`, { pin: '8642' });
    expect([same.status, same.body.error.field]).toEqual([400, 'body.moderatorPin']);
    expect((await api('GET', `/admin/conferences/${bridge.id}`)).body.hasPin).toBe(false);
    expect((await api('PATCH', `/admin/conferences/${bridge.id}`, {})).status).toBe(400);
    expect((await api('GET', '/admin/conferences/no-such-bridge')).status).toBe(404);
  });

  it('keeps a bridge a phone number still rings, and frees its extension once deleted', async () => {
    const bridge = (await api('POST', '/admin/conferences', { name: 'Routed' })).body;
    const number = await api('POST', '/admin/phone-numbers', {
      number: '+15550009876',
      routeType: 'conference',
      routeTarget: bridge.extension,
    });
    expect(number.status).toBe(201);
    const notABridge = await api('POST', '/admin/phone-numbers', {
      number: '+15550009877',
      routeType: 'conference',
      routeTarget: user.extension,
    });
    expect(notABridge.status).toBe(400);
    const refused = await api('DELETE', `/admin/conferences/${bridge.id}`);
    expect([refused.status, refused.body.error.code]).toEqual([409, 'in_use']);
    expect(refused.body.error.message).toContain('+15550009876');
    await api('DELETE', `/admin/phone-numbers/${number.body.id}`);
    expect((await api('DELETE', `/admin/conferences/${bridge.id}`)).status).toBe(204);
    expect(await findConferencePlan(office.office.db, bridge.extension)).toBeNull();
    // The number is free again, for another bridge (the numbering plan keeps it to bridges).
    const reuse = await api('POST', '/admin/conferences', {
      name: 'Takes Over',
      extension: bridge.extension,
    });
    expect(reuse.status).toBe(201);
  });

  it('lets only administrators manage bridges; a user sees no conference while in none', async () => {
    expect((await api('GET', '/admin/conferences', undefined, user.token)).status).toBe(403);
    expect((await api('POST', '/admin/conferences', { name: 'Mine' }, user.token)).status).toBe(403);
    expect((await api('GET', '/admin/conferences', undefined, '')).status).toBe(401);
    expect((await api('GET', '/me/conferences', undefined, user.token)).body).toEqual({ items: [] });
    const remove = await api('DELETE', '/me/conference-participants/some-seat', undefined, user.token);
    expect([remove.status, remove.body.error.code]).toEqual([404, 'not_found']);
  });
});
