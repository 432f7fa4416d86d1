import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, useTestOffice } from '../support/office';

describe.each(DATABASES)('the colleague directory on %s', (database) => {
  const office = useTestOffice(database);
  let admin: string;
  let user: { token: string; id: string; extension: string };

  beforeAll(async () => {
    admin = await office.adminToken();
    user = await office.createSignedInUser(admin, 'Ada Lovelace');
    for (const name of ['Grace Hopper', 'Alan Turing', 'Barbara Liskov', 'Edsger Dijkstra'])
      await office.request('POST', '/admin/users', {
        token: admin,
        body: { name, email: `${name.split(' ')[0]!.toLowerCase()}@example.com` },
      });
    const barbara = (await office.request('GET', '/admin/users?search=liskov', { token: admin })).body
      .items[0];
    await office.request('PATCH', `/admin/users/${barbara.id}`, {
      token: admin,
      body: { status: 'suspended' },
    });
  });

  it('lists active colleagues by name with their extension, and nothing more', async () => {
    const page = await office.request('GET', '/directory', { token: user.token });
    expect(page.status).toBe(200);
    const names = page.body.items.map((c: any) => c.name);
    expect(names).toEqual([...names].sort());
    expect(names).toContain('Grace Hopper');
    expect(names).not.toContain('Barbara Liskov');
    for (const colleague of page.body.items)
      expect(Object.keys(colleague).sort()).toEqual(['extension', 'id', 'name']);
  });

  it('searches by part of a name, case-insensitively, or the start of an extension', async () => {
    const byName = await office.request('GET', '/directory?search=TURI', { token: user.token });
    expect(byName.body.items.map((c: any) => c.name)).toEqual(['Alan Turing']);
    const byExtension = await office.request('GET', `/directory?search=${user.extension}`, {
      token: user.token,
    });
    expect(byExtension.body.items.map((c: any) => c.name)).toEqual(['Ada Lovelace']);
    // LIKE wildcards are taken literally-or-dropped, never as patterns: 'A_a' would match 'Ada'.
    const wildcard = await office.request('GET', '/directory?search=A_a', { token: user.token });
    expect(wildcard.status).toBe(200);
    expect(wildcard.body.items).toEqual([]);
  });

  it('pages with a cursor without repeating anyone', async () => {
    const first = await office.request('GET', '/directory?limit=2', { token: user.token });
    expect(first.body.items).toHaveLength(2);
    const second = await office.request('GET', `/directory?limit=2&before=${first.body.nextCursor}`, {
      token: user.token,
    });
    const ids = [...first.body.items, ...second.body.items].map((c: any) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('needs a sign-in and refuses bad queries', async () => {
    expect((await office.request('GET', '/directory')).status).toBe(401);
    expect((await office.request('GET', '/directory?limit=0', { token: user.token })).status).toBe(400);
    expect((await office.request('GET', '/directory?before=%21%21', { token: user.token })).status).toBe(400);
  });
});
