// A ring group's shared voicemail box, on both databases: an admin sets its PIN (hashed like a
// user's, easy ones refused) and its greeting (the same checks as a user's); its members read,
// mark and delete its messages in their app, each change told to every member; anyone else
// finds nothing.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, useTestOffice } from '../support/office';
import { synthesise, toneFrequency } from '../support/audio';
import { leaveToneMessage } from '../support/voicemail-box';
import { ringGroupBox } from '../../server/directory/voicemail-boxes';
import { checkBoxPin } from '../../server/voicemail/pin';

describe.each(DATABASES)('a ring group’s shared voicemail box on %s', (database) => {
  const office = useTestOffice(database);
  let admin: string;
  let ana: { token: string; extension: string; id: string };
  let ben: { token: string; extension: string; id: string };
  let outsider: { token: string; extension: string; id: string };
  let group: { id: string; extension: string };
  let dir: string;

  const api = (method: string, url: string, body?: unknown, token = admin) =>
    office.request(method, url, { token, body });
  const signedIn = (name: string) => office.createSignedInUser(admin, name);
  const boxUrl = () => `/admin/ring-groups/${group.id}/voicemail`;

  beforeAll(async () => {
    admin = await office.adminToken();
    ana = await signedIn('Ana Shared');
    ben = await signedIn('Ben Shared');
    outsider = await signedIn('Olga Outside');
    const created = await api('POST', '/admin/ring-groups', {
      name: 'Front desk',
      strategy: 'all',
      members: [ana.extension, ben.extension],
    });
    expect(created.status).toBe(201);
    group = created.body;
    dir = await mkdtemp(path.join(os.tmpdir(), 'group-greeting-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('takes a PIN from an admin who may manage the group, stored hashed, refusing an easy one', async () => {
    expect((await api('GET', boxUrl())).body).toEqual({ hasPin: false, ownGreeting: false });
    for (const pin of ['1111', '123456', '4545']) {
      const refused = await api('PUT', `${boxUrl()}/pin`, { pin });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(/too easy/);
    }
    expect((await api('PUT', `${boxUrl()}/pin`, { pin: '12a4' })).status).toBe(400);
    expect((await api('PUT', `${boxUrl()}/pin`, { pin: '480273' }, ana.token)).status).toBe(403);
    expect((await api('PUT', `${boxUrl()}/pin`, { pin: '480273' })).status).toBe(204);
    expect((await api('GET', boxUrl())).body).toEqual({ hasPin: true, ownGreeting: false });

    const box = await ringGroupBox(office.office.db, group.id);
    expect(box.pin_hash).not.toContain('480273');
    const services = office.office;
    expect(await checkBoxPin(services, box.id, '480274', '192.0.2.50')).toBe('wrong');
    expect(await checkBoxPin(services, box.id, '480273', '192.0.2.50')).toBe('ok');
    const nowhere = '/admin/ring-groups/00000000-0000-4000-8000-000000000000/voicemail';
    expect((await api('PUT', `${nowhere}/pin`, { pin: '480273' })).status).toBe(404);
    expect((await api('GET', nowhere)).status).toBe(404);
  });

  it('takes a greeting uploaded by an admin, keeps it over a bad upload, and goes back to the default', async () => {
    const tone = await synthesise(
      dir,
      'group.wav',
      ['-r', '8000', '-c', '1', '-b', '16'],
      ['1', 'sine', '600'],
    );
    const upload = (file: Buffer, type: string, token = admin) =>
      office.request('PUT', `${boxUrl()}/greeting`, {
        token,
        rawBody: file as unknown as string,
        headers: { 'content-type': type },
      });
    expect((await api('GET', `${boxUrl()}/greeting`)).status).toBe(404);
    expect((await upload(tone, 'audio/wav', ana.token)).status).toBe(403);
    expect((await upload(tone, 'audio/wav')).status).toBe(204);
    expect((await api('GET', boxUrl())).body).toEqual({ hasPin: true, ownGreeting: true });
    const stored = await api('GET', `${boxUrl()}/greeting`);
    expect(stored.status).toBe(200);
    expect(Math.abs((await toneFrequency(dir, stored.body)) - 600)).toBeLessThan(12);

    const lying = Buffer.concat([Buffer.from('RIFF\x00\x00\x00\x00WAVE'), Buffer.alloc(64, 7)]);
    expect((await upload(lying, 'audio/wav')).status).toBe(400);
    expect((await upload(Buffer.alloc(2000, 3), 'audio/mpeg')).status).toBe(415);
    expect(Buffer.compare((await api('GET', `${boxUrl()}/greeting`)).body, stored.body)).toBe(0);

    // The group's greeting is not its members' own.
    expect((await api('GET', '/me/voicemail/greeting', undefined, ana.token)).status).toBe(404);

    expect((await api('DELETE', `${boxUrl()}/greeting`)).status).toBe(204);
    expect((await api('GET', `${boxUrl()}/greeting`)).status).toBe(404);
    expect((await api('GET', boxUrl())).body).toEqual({ hasPin: true, ownGreeting: false });
  });

  it('lets every member read, mark and delete its messages, telling each member, and nobody else', async () => {
    const id = await leaveToneMessage(office.office, group.extension, {
      seconds: 1,
      hz: 500,
      callerNumber: '+34912345678',
      receivedAt: new Date().toISOString(),
    });
    const changed: string[] = [];
    const listen = (userId: string) => changed.push(userId);
    office.office.events.on('voicemail-changed', listen);
    try {
      for (const who of [outsider]) {
        expect((await api('GET', `/me/voicemail/${id}/audio`, undefined, who.token)).status).toBe(404);
        expect((await api('PATCH', `/me/voicemail/${id}`, { read: true }, who.token)).status).toBe(404);
        expect((await api('DELETE', `/me/voicemail/${id}`, undefined, who.token)).status).toBe(404);
      }
      expect(changed).toEqual([]);

      const marked = await api('PATCH', `/me/voicemail/${id}`, { read: true }, ben.token);
      expect(marked.status).toBe(200);
      expect(new Set(changed)).toEqual(new Set([ana.id, ben.id]));
      const anas = (await api('GET', '/me/voicemail', undefined, ana.token)).body;
      // The app says whose box it is: the group's, by its name and extension.
      expect(anas.items).toMatchObject([
        { id, read: true, ringGroup: { name: 'Front desk', extension: group.extension } },
      ]);
      expect(anas.unread).toBe(0);

      changed.length = 0;
      expect((await api('DELETE', `/me/voicemail/${id}`, undefined, ana.token)).status).toBe(204);
      expect(new Set(changed)).toEqual(new Set([ana.id, ben.id]));
      expect((await api('GET', '/me/voicemail', undefined, ben.token)).body.items).toEqual([]);
    } finally {
      office.office.events.off('voicemail-changed', listen);
    }
  });
});
