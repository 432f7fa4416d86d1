// Ring groups in the directory, on both databases: the group's extension is unique among all
// extensions, members are users' extensions in order, overflow targets are checked, a group
// still used is not deleted, and members log themselves in and out.
import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, useTestOffice } from '../support/office';
import { recordCall } from '../../server/directory/call-log';
import { findRingGroupPlan } from '../../server/directory/ring-groups';
import { storeVoicemail } from '../../server/directory/voicemail';

describe.each(DATABASES)('ring groups on %s', (database) => {
  const office = useTestOffice(database);
  let admin: string;
  let ana: { token: string; extension: string; id: string };
  let ben: { token: string; extension: string; id: string };

  const api = (method: string, url: string, body?: unknown, token = admin) =>
    office.request(method, url, { token, body });
  const signedIn = async (name: string) => {
    const user = await office.createSignedInUser(admin, name);
    const me = await api('GET', '/me', undefined, user.token);
    return { token: user.token, extension: user.extension, id: me.body.id as string };
  };

  beforeAll(async () => {
    admin = await office.adminToken();
    ana = await signedIn('Ana Group');
    ben = await signedIn('Ben Group');
  });

  it('creates a group on a free extension of its own, with members in order, and lists it', async () => {
    const created = await api('POST', '/admin/ring-groups', {
      name: 'Sales',
      strategy: 'round-robin',
      members: [ben.extension, ana.extension],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Sales',
      strategy: 'round-robin',
      memberRingSeconds: 20,
      groupRingSeconds: 60,
      skipBusy: true,
      overflowType: 'voicemail',
      overflowTarget: null,
      members: [
        { extension: ben.extension, name: 'Ben Group', loggedIn: true },
        { extension: ana.extension, name: 'Ana Group', loggedIn: true },
      ],
    });
    const extension = created.body.extension as string;
    expect([ana.extension, ben.extension]).not.toContain(extension);
    // Nobody else gets that extension: not a user, not another group.
    const user = await api('POST', '/admin/users', { name: 'Clash', email: 'clash@example.com', extension });
    expect([user.status, user.body.error.code]).toEqual([409, 'extension_taken']);
    const other = await api('POST', '/admin/ring-groups', {
      name: 'Clash',
      strategy: 'all',
      extension,
      members: [],
    });
    expect([other.status, other.body.error.code]).toEqual([409, 'extension_taken']);
    const onUser = await api('POST', '/admin/ring-groups', {
      name: 'Clash',
      strategy: 'all',
      extension: ana.extension,
      members: [],
    });
    expect([onUser.status, onUser.body.error.code]).toEqual([409, 'extension_taken']);
    const listed = await api('GET', '/admin/ring-groups');
    expect(listed.body.items.map((g: { name: string }) => g.name)).toEqual(['Sales']);

    const plan = await findRingGroupPlan(office.office.db, extension);
    expect(plan?.members.map((m) => m.extension)).toEqual([ben.extension, ana.extension]);
    expect(await findRingGroupPlan(office.office.db, ana.extension)).toBeNull();
    await api('DELETE', `/admin/ring-groups/${created.body.id}`);
  });

  it('refuses members and overflow targets that are not what they claim, and creates nothing', async () => {
    const before = (await api('GET', '/admin/ring-groups')).body.items.length;
    const bad = [
      [{ members: ['999'] }, 'invalid_field', 'body.members'],
      [{ members: [ana.extension, ana.extension] }, 'invalid_field', 'body.members'],
      [{ members: [], overflowType: 'extension' }, 'missing_field', 'body.overflowTarget'],
      [
        { members: [], overflowType: 'ring-group', overflowTarget: ana.extension },
        'invalid_field',
        'body.overflowTarget',
      ],
      [{ members: [], strategy: 'random' }, 'invalid_field', 'body.strategy'],
      [{ members: [], memberRingSeconds: 1 }, 'invalid_field', 'body.memberRingSeconds'],
    ] as const;
    for (const [body, code, field] of bad) {
      const refused = await api('POST', '/admin/ring-groups', { name: 'Bad', strategy: 'all', ...body });
      expect([refused.status, refused.body.error.code, refused.body.error.field]).toEqual([400, code, field]);
    }
    expect((await api('GET', '/admin/ring-groups')).body.items).toHaveLength(before);
  });

  it('changes members keeping who is logged in, and renames the extension the group shows', async () => {
    const group = (
      await api('POST', '/admin/ring-groups', { name: 'Desk', strategy: 'hunt', members: [ana.extension] })
    ).body;
    const out = await api('PUT', `/me/ring-groups/${group.id}/membership`, { loggedIn: false }, ana.token);
    expect(out.body).toEqual({ id: group.id, name: 'Desk', extension: group.extension, loggedIn: false });
    const changed = await api('PATCH', `/admin/ring-groups/${group.id}`, {
      name: 'Front desk',
      members: [ben.extension, ana.extension],
    });
    expect(changed.body.members).toEqual([
      { extension: ben.extension, name: 'Ben Group', loggedIn: true },
      { extension: ana.extension, name: 'Ana Group', loggedIn: false },
    ]);
    const plan = await findRingGroupPlan(office.office.db, group.extension);
    expect(plan?.name).toBe('Front desk');
    // A logged-out member is not rung.
    expect(plan?.members.map((m) => m.extension)).toEqual([ben.extension]);
    // Someone not in the group cannot log in to it.
    const outsider = await signedIn('Not A Member');
    const refused = await api(
      'PUT',
      `/me/ring-groups/${group.id}/membership`,
      { loggedIn: true },
      outsider.token,
    );
    expect(refused.status).toBe(404);
    expect((await api('GET', '/me/ring-groups', undefined, outsider.token)).body.items).toEqual([]);
    await api('DELETE', `/admin/ring-groups/${group.id}`);
  });

  it('refuses to delete a group a phone number, another group or a forwarding still sends calls to, listing them', async () => {
    const target = (await api('POST', '/admin/ring-groups', { name: 'Target', strategy: 'all', members: [] }))
      .body;
    const feeder = (
      await api('POST', '/admin/ring-groups', {
        name: 'Feeder',
        strategy: 'all',
        members: [],
        overflowType: 'ring-group',
        overflowTarget: target.extension,
      })
    ).body;
    const self = await api('PATCH', `/admin/ring-groups/${target.id}`, {
      overflowType: 'ring-group',
      overflowTarget: target.extension,
    });
    expect([self.status, self.body.error.field]).toEqual([400, 'body.overflowTarget']);
    const number = await api('POST', '/admin/phone-numbers', {
      number: '+15550001234',
      routeType: 'ring-group',
      routeTarget: target.extension,
    });
    expect(number.status).toBe(201);
    const notAGroup = await api('POST', '/admin/phone-numbers', {
      number: '+15550001235',
      routeType: 'ring-group',
      routeTarget: ana.extension,
    });
    expect(notAGroup.status).toBe(400);

    // A colleague may forward to a group now; a forwarding switched off sends nothing there.
    const forwarded = await api(
      'PATCH',
      '/me/preferences',
      { forwardAlways: { enabled: true, target: target.extension } },
      ben.token,
    );
    expect(forwarded.status).toBe(200);
    await api(
      'PATCH',
      '/me/preferences',
      { forwardBusy: { enabled: false, target: target.extension } },
      ana.token,
    );

    const refused = await api('DELETE', `/admin/ring-groups/${target.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('in_use');
    expect(refused.body.error.message).toContain('+15550001234');
    expect(refused.body.error.message).toContain('Feeder');
    expect(refused.body.error.conflicts).toEqual([
      { kind: 'phone-number', number: '+15550001234', name: '' },
      { kind: 'ring-group', number: feeder.extension, name: 'Feeder' },
      { kind: 'forwarding', number: ben.extension, name: 'Ben Group' },
    ]);
    expect((await api('GET', `/admin/ring-groups/${target.id}`)).status).toBe(200);

    await api('DELETE', `/admin/phone-numbers/${number.body.id}`);
    await api('DELETE', `/admin/ring-groups/${feeder.id}`);
    await api('PATCH', '/me/preferences', { forwardAlways: { enabled: false, target: null } }, ben.token);
    expect((await api('DELETE', `/admin/ring-groups/${target.id}`)).status).toBe(204);
    // The extension and the box are gone with it: another group may take the number now.
    const reuse = await api('POST', '/admin/ring-groups', {
      name: 'Takes Over',
      strategy: 'all',
      members: [],
      extension: target.extension,
    });
    expect(reuse.status).toBe(201);
    await api('DELETE', `/admin/ring-groups/${reuse.body.id}`);
  });

  it('renumbered, a group takes its phone number and the forwardings to it along', async () => {
    const group = (await api('POST', '/admin/ring-groups', { name: 'Moving', strategy: 'all', members: [] }))
      .body;
    const number = await api('POST', '/admin/phone-numbers', {
      number: '+15550009876',
      routeType: 'ring-group',
      routeTarget: group.extension,
    });
    await api(
      'PATCH',
      '/me/preferences',
      { forwardNoAnswer: { enabled: true, target: group.extension } },
      ana.token,
    );
    const moved = await api('PATCH', `/admin/ring-groups/${group.id}`, { extension: '690' });
    expect(moved.body.extension).toBe('690');
    expect((await api('GET', `/admin/phone-numbers/${number.body.id}`)).body.routeTarget).toBe('690');
    expect((await api('GET', '/me/preferences', undefined, ana.token)).body.forwardNoAnswer).toEqual({
      enabled: true,
      target: '690',
    });
    await api('PATCH', '/me/preferences', { forwardNoAnswer: { enabled: false, target: null } }, ana.token);
    await api('DELETE', `/admin/phone-numbers/${number.body.id}`);
    expect((await api('DELETE', `/admin/ring-groups/${group.id}`)).status).toBe(204);
  });

  it('logs a group call once, with the member who answered it in their own call log', async () => {
    const db = office.office.db;
    const { callId } = await recordCall(db, {
      caller: { number: ana.extension, name: 'Ana Group', userId: ana.id },
      callee: { number: '777', name: 'Group', userId: null },
      answeredBy: { number: ben.extension, name: 'Ben Group', userId: ben.id },
      startedAt: '2026-01-01T10:00:00.000Z',
      answeredAt: '2026-01-01T10:00:05.000Z',
      endedAt: '2026-01-01T10:01:05.000Z',
      result: 'answered',
    });
    const call = await db.selectFrom('calls').selectAll().where('id', '=', callId).executeTakeFirstOrThrow();
    expect([call.callee_number, call.answered_by_number, call.duration_seconds]).toEqual([
      '777',
      ben.extension,
      60,
    ]);
    const rows = await db
      .selectFrom('call_log')
      .selectAll()
      .where('call_id', '=', callId)
      .orderBy('direction')
      .execute();
    expect(rows.map((r) => [r.user_id, r.direction, r.other_number, r.result])).toEqual([
      [ben.id, 'incoming', ana.extension, 'answered'],
      [ana.id, 'outgoing', '777', 'answered'],
    ]);
  });

  it('deletes the recordings of the group’s box with the group', async () => {
    const group = (
      await api('POST', '/admin/ring-groups', { name: 'Short lived', strategy: 'all', members: [] })
    ).body;
    const { db, voicemailFiles } = office.office;
    const messageId = await storeVoicemail(db, voicemailFiles, {
      extension: group.extension,
      callerNumber: ana.extension,
      callerName: null,
      receivedAt: '2026-01-01T10:00:00.000Z',
      durationSeconds: 3,
      audio: Buffer.from('OggS not really'),
      audioType: 'audio/ogg',
    });
    const { audio_file: file } = await db
      .selectFrom('voicemail_messages')
      .select('audio_file')
      .where('id', '=', messageId)
      .executeTakeFirstOrThrow();
    expect((await voicemailFiles.read(file)).toString()).toBe('OggS not really');
    expect((await api('DELETE', `/admin/ring-groups/${group.id}`)).status).toBe(204);
    await expect(voicemailFiles.read(file)).rejects.toThrow();
    expect(
      await db.selectFrom('voicemail_messages').selectAll().where('id', '=', messageId).execute(),
    ).toEqual([]);
  });
});
