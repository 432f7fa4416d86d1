// A person's own call preferences: forwarding only to a colleague's extension, refused with the
// field and a code the app translates; every change pushed to each app the person has open.
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, useTestOffice } from '../support/office';
import { EventStreamReader } from '../support/event-stream';

describe.each(DATABASES)('own preferences on %s', (database) => {
  const office = useTestOffice(database);
  let admin: string;

  beforeAll(async () => {
    admin = await office.adminToken();
  });

  it('forwards only to a colleague’s extension or a service of the office, and says which rule names one that is nobody’s', async () => {
    const lucia = await office.createSignedInUser(admin, 'Lucía García-Pérez');
    const zoe = await office.createSignedInUser(admin, 'Zoë Brontë-Ødegaard');
    const patch = (body: object) => office.request('PATCH', '/me/preferences', { token: lucia.token, body });

    const unknown = await patch({ forwardBusy: { enabled: true, target: '999' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toEqual({
      code: 'unknown_extension',
      message: 'No colleague or service of the office has extension 999',
      field: 'body.forwardBusy.target',
    });
    // Nothing of the refused change was kept, the other rules included.
    const refusedTogether = await patch({
      forwardAlways: { enabled: true, target: zoe.extension },
      forwardNoAnswer: { enabled: true, target: '998' },
    });
    expect(refusedTogether.body.error.field).toBe('body.forwardNoAnswer.target');
    const kept = await office.request('GET', '/me/preferences', { token: lucia.token });
    expect(kept.body).toMatchObject({
      forwardAlways: { enabled: false, target: null },
      forwardBusy: { enabled: false, target: null },
    });

    // A suspended colleague takes no calls: no forwarding to them either.
    const gone = await office.createSignedInUser(admin, 'Suspended Sam');
    await office.request('PATCH', `/admin/users/${gone.id}`, { token: admin, body: { status: 'suspended' } });
    expect((await patch({ forwardAlways: { enabled: true, target: gone.extension } })).body.error.code).toBe(
      'unknown_extension',
    );

    const saved = await patch({ forwardBusy: { enabled: true, target: zoe.extension } });
    expect(saved.status).toBe(200);
    expect(saved.body.forwardBusy).toEqual({ enabled: true, target: zoe.extension });
    // A ring group is a destination too; the list a person picks from has it, and colleagues.
    const group = await office.request('POST', '/admin/ring-groups', {
      token: admin,
      body: { name: 'Reception desk', strategy: 'all', members: [zoe.extension] },
    });
    const toGroup = await patch({ forwardNoAnswer: { enabled: true, target: group.body.extension } });
    expect(toGroup.body.forwardNoAnswer).toEqual({ enabled: true, target: group.body.extension });
    const destinations = await office.request('GET', '/directory/destinations', { token: lucia.token });
    expect(destinations.body.items).toEqual(
      expect.arrayContaining([
        { kind: 'extension', number: zoe.extension, name: 'Zoë Brontë-Ødegaard' },
        { kind: 'ring-group', number: group.body.extension, name: 'Reception desk' },
      ]),
    );
    expect(destinations.body.items.map((d: { number: string }) => d.number)).not.toContain(gone.extension);
    // A rule switched off may keep whatever target it had: it sends no call anywhere.
    expect((await patch({ forwardAlways: { enabled: false, target: '997' } })).status).toBe(200);
  });

  it('looks a colleague up by their exact extension', async () => {
    const ana = await office.createSignedInUser(admin, 'Ana Directorio');
    const found = await office.request('GET', `/directory?extension=${ana.extension}`, { token: ana.token });
    expect(found.body.items).toEqual([{ id: ana.id, name: 'Ana Directorio', extension: ana.extension }]);
    const none = await office.request('GET', '/directory?extension=999', { token: ana.token });
    expect(none.body.items).toEqual([]);
  });

  it('pushes every change to each app the person has open, and to nobody else', async () => {
    const lucia = await office.createSignedInUser(admin, 'Lucía Push');
    const other = await office.createSignedInUser(admin, 'Zoë Push');
    const second = await office.login(lucia.email, lucia.password);
    const windows = [
      await EventStreamReader.open(office.baseUrl, lucia.token),
      await EventStreamReader.open(office.baseUrl, second.body.accessToken),
    ];
    const stranger = await EventStreamReader.open(office.baseUrl, other.token);
    const changed = await office.request('PATCH', '/me/preferences', {
      token: lucia.token,
      body: { doNotDisturb: true },
    });
    for (const stream of windows)
      expect(await stream.next()).toEqual({
        event: 'preferences-changed',
        data: { type: 'preferences-changed', preferences: changed.body },
      });
    expect(changed.body.doNotDisturb).toBe(true);
    // A refused change changes nothing and is pushed to nobody.
    await office.request('PATCH', '/me/preferences', {
      token: lucia.token,
      body: { forwardAlways: { enabled: true, target: '999' } },
    });
    await office.request('PATCH', '/me/preferences', {
      token: other.token,
      body: { ringTimeoutSeconds: 30 },
    });
    expect((await stranger.next()).data.preferences.ringTimeoutSeconds).toBe(30);
    // Whatever was pushed before a heartbeat has arrived with it: nothing more came.
    const beat = office.office.push.heartbeat();
    for (const stream of windows) await stream.heartbeat();
    await beat;
    for (const stream of windows) expect(stream.queued).toBe(0);
    for (const stream of [...windows, stranger]) stream.close();
  });
});
