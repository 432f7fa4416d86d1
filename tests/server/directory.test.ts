import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, DATABASES, TestOffice, useTestOffice } from '../support/office';
import { recordCall } from '../../server/directory/call-log';
import { storeVoicemail } from '../../server/directory/voicemail';

describe.each(DATABASES)('the directory on %s', (database) => {
  const office = useTestOffice(database);
  let admin: string;

  beforeAll(async () => {
    admin = await office.adminToken();
  });

  const api = (method: string, url: string, body?: unknown) =>
    office.request(method, url, { token: admin, body });

  it('refuses duplicate emails and extensions with 409 and creates nothing', async () => {
    const first = await api('POST', '/admin/users', {
      name: 'Dup One',
      email: 'dup@example.com',
      extension: '150',
    });
    expect(first.status).toBe(201);
    expect(first.body.extension).toBe('150');
    const sameEmail = await api('POST', '/admin/users', { name: 'Dup Two', email: 'DUP@example.com' });
    expect(sameEmail.status).toBe(409);
    expect(sameEmail.body.error.code).toBe('email_taken');
    const sameExtension = await api('POST', '/admin/users', {
      name: 'Dup Three',
      email: 'dup3@example.com',
      extension: '150',
    });
    expect(sameExtension.status).toBe(409);
    expect(sameExtension.body.error.code).toBe('extension_taken');
    const badPlan = await api('POST', '/admin/users', {
      name: 'Dup Four',
      email: 'dup4@example.com',
      extension: '1500',
    });
    expect(badPlan.status).toBe(400);
    expect(badPlan.body.error.code).toBe('extension_invalid');
    const users = await api('GET', '/admin/users?search=dup');
    expect(users.body.items.map((u: any) => u.email)).toEqual(['dup@example.com']);
  });

  it('deletes a user: devices return to the pool with fresh credentials, the extension is freed, all audited', async () => {
    const user = await office.createSignedInUser(admin, 'Leaving Soon');
    const deskPhone = await api('POST', '/admin/devices', {
      kind: 'desk-phone',
      model: 'Yealink T54W',
      mac: '80-5e-c0-11-22-33',
      extension: user.extension,
    });
    expect(deskPhone.status).toBe(201);
    expect(deskPhone.body.mac).toBe('80:5E:C0:11:22:33');
    // The SIP password is shown when the device is created, never again.
    expect(deskPhone.body.sipPassword).toMatch(/^\S{24}$/);
    const before = (await api('GET', `/admin/users/${user.id}`)).body.devices as any[];
    expect(before).toHaveLength(2);
    expect(before.every((device) => !('sipPassword' in device))).toBe(true);
    expect((await api('GET', `/admin/devices/${deskPhone.body.id}`)).body).not.toHaveProperty('sipPassword');

    expect((await api('PATCH', `/admin/users/${user.id}`, { name: 'Leaving Sooner' })).status).toBe(200);
    const revoked: string[][] = [];
    office.office.events.on('sip-credentials-revoked', (names) => revoked.push(names));
    expect((await api('DELETE', `/admin/users/${user.id}`)).status).toBe(204);
    expect((await api('GET', `/admin/users/${user.id}`)).status).toBe(404);
    expect((await office.login(user.email, user.password)).status).toBe(401);
    expect((await office.request('GET', '/me', { token: user.token })).status).toBe(401);

    const free = (await api('GET', '/admin/devices?assigned=false')).body.items as any[];
    for (const device of before) {
      const released = free.find((d) => d.id === device.id);
      expect(released).toBeDefined();
      expect(released.extension).toBeNull();
      expect(released.sipUsername).not.toBe(device.sipUsername);
      expect(released).not.toHaveProperty('sipPassword');
    }
    expect(revoked.flat().sort()).toEqual(before.map((d) => d.sipUsername).sort());

    // The freed extension is handed out again.
    const next = await api('POST', '/admin/users', {
      name: 'Newcomer',
      email: 'newcomer@example.com',
      extension: user.extension,
    });
    expect(next.status).toBe(201);
    const audit = await api('GET', '/admin/audit-log?limit=200');
    const deletion = audit.body.items.find((e: any) => e.action === 'user.deleted' && e.targetId === user.id);
    expect(deletion).toMatchObject({ actorName: 'Administrator', details: { releasedDevices: 2 } });
    // Named: a deleted user by the email the entry kept, a present one by their name.
    expect(deletion.targetName).toBe(user.email);
    // So is every other entry about them, though it kept no email of its own.
    const aboutGone = audit.body.items.filter((e: any) => e.targetType === 'user' && e.targetId === user.id);
    expect(aboutGone.map((e: any) => e.action)).toEqual(
      expect.arrayContaining(['user.deleted', 'user.updated']),
    );
    expect(new Set(aboutGone.map((e: any) => e.targetName))).toEqual(new Set([user.email]));
    const added = audit.body.items.find(
      (e: any) => e.action === 'user.created' && e.targetId === next.body.id,
    );
    expect(added.targetName).toBe('Newcomer');
    // A device without a label by what its entries recorded: this desk phone by its model.
    const device = audit.body.items.find((e: any) => e.targetId === deskPhone.body.id);
    expect(device).toMatchObject({ targetType: 'device', targetName: 'Yealink T54W' });

    // A present device by its label, on every entry about it; a deleted one by the label its
    // deletion kept, though the softphone made with its user never had an entry of its own before.
    // The office leaves a softphone's label empty: the app names it in the reader's language.
    const softphone = before.find((d) => d.kind === 'softphone')!;
    expect(softphone.label).toBe('');
    expect((await api('PATCH', `/admin/devices/${deskPhone.body.id}`, { label: 'Reception' })).status).toBe(
      200,
    );
    expect((await api('DELETE', `/admin/devices/${softphone.id}`)).status).toBe(204);
    const later = (await api('GET', '/admin/audit-log?limit=200')).body.items as any[];
    const namesOf = (id: string) => new Set(later.filter((e) => e.targetId === id).map((e) => e.targetName));
    expect(namesOf(deskPhone.body.id)).toEqual(new Set(['Reception']));
    expect(later.find((e) => e.action === 'device.deleted' && e.targetId === softphone.id)).toMatchObject({
      targetName: 'Switchboard',
      details: { label: '', model: 'Switchboard' },
    });
  });

  it('applies the group’s settings template to a new user', async () => {
    const template = await api('POST', '/admin/settings-templates', {
      name: 'Sales floor',
      preferences: { ringTimeoutSeconds: 40, forwardNoAnswer: { enabled: true, target: '150' } },
    });
    expect(template.status).toBe(201);
    const group = await api('POST', '/admin/user-groups', {
      name: 'Sales',
      settingsTemplateId: template.body.id,
    });
    expect(group.status).toBe(201);
    expect((await api('POST', '/admin/user-groups', { name: 'Sales' })).body.error.code).toBe('name_taken');
    const user = await office.createSignedInUser(admin, 'Sales Rep', { userGroupId: group.body.id });
    const preferences = await office.request('GET', '/me/preferences', { token: user.token });
    expect(preferences.body).toMatchObject({
      ringTimeoutSeconds: 40,
      forwardNoAnswer: { enabled: true, target: '150' },
      forwardAlways: { enabled: false, target: null },
    });
    const listed = await api('GET', `/admin/users?userGroupId=${group.body.id}`);
    expect(listed.body.items.map((u: any) => u.id)).toEqual([user.id]);
  });

  it('keeps one default email template per kind and uses a chosen welcome template', async () => {
    const custom = await api('POST', '/admin/email-templates', {
      kind: 'welcome',
      name: 'Friendly',
      subject: 'Hi {{name}}, you are {{extension}}',
      body: 'Password {{temporaryPassword}} at {{portalUrl}} {{unknownThing}}',
    });
    expect(custom.status).toBe(201);
    const created = await api('POST', '/admin/users', {
      name: 'Templated',
      email: 'templated@example.com',
      welcomeEmailTemplateId: custom.body.id,
    });
    const mail = await office.smtp.next('templated@example.com');
    expect(mail.subject).toBe(`Hi Templated, you are ${created.body.extension}`);
    // {{portalUrl}} leads to the office's page, in the mail's language.
    expect(mail.text).toMatch(
      /^Password \S{14} at http:\/\/portal\.example\.com\/\?lang=en \{\{unknownThing\}\}/,
    );

    const templates = (await api('GET', '/admin/email-templates')).body.items as any[];
    const standard = templates.find((t) => t.kind === 'welcome' && t.isDefault);
    expect((await api('DELETE', `/admin/email-templates/${standard.id}`)).body.error.code).toBe('in_use');
    expect((await api('PATCH', `/admin/email-templates/${custom.body.id}`, { isDefault: true })).status).toBe(
      200,
    );
    const after = (await api('GET', '/admin/email-templates')).body.items as any[];
    expect(after.filter((t) => t.kind === 'welcome' && t.isDefault).map((t) => t.id)).toEqual([
      custom.body.id,
    ]);
    // Back to the standard one; the custom template, no longer default, may go.
    expect((await api('PATCH', `/admin/email-templates/${standard.id}`, { isDefault: true })).status).toBe(
      200,
    );
    expect((await api('DELETE', `/admin/email-templates/${custom.body.id}`)).status).toBe(204);
    expect((await api('GET', `/admin/email-templates/${custom.body.id}`)).status).toBe(404);
  });

  it('routes phone numbers only to extensions that exist', async () => {
    const ok = await api('POST', '/admin/phone-numbers', {
      number: '+15551230000',
      routeType: 'extension',
      routeTarget: '150',
    });
    expect(ok.status).toBe(201);
    const missing = await api('POST', '/admin/phone-numbers', {
      number: '+15551230001',
      routeType: 'extension',
      routeTarget: '999',
    });
    expect(missing.body.error).toMatchObject({ code: 'invalid_field', field: 'body.routeTarget' });
    const dup = await api('POST', '/admin/phone-numbers', {
      number: '+15551230000',
      routeType: 'extension',
      routeTarget: '150',
    });
    expect(dup.status).toBe(409);
    const bad = await api('POST', '/admin/phone-numbers', {
      number: '5551230000',
      routeType: 'extension',
      routeTarget: '150',
    });
    expect(bad.body.error).toMatchObject({ code: 'invalid_field', field: 'body.number' });
  });

  it('changes company settings, which new passwords then follow; the numbering plan is not among them', async () => {
    const patched = await api('PATCH', '/admin/company', {
      name: 'Acme Corp',
      security: { minPasswordLength: 16 },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.security).toMatchObject({ minPasswordLength: 16, lockoutThreshold: 5 });
    // The plan has its own route (numbering-plan.test.ts), which checks the extensions there are.
    const numbering = await api('PATCH', '/admin/company', {
      numbering: { extensionLength: 4, firstExtension: '2000' },
    });
    expect(numbering.body.error).toMatchObject({ code: 'unknown_field', field: 'body.numbering' });
    const created = await api('POST', '/admin/users', { name: 'Policy Bound', email: 'policy@example.com' });
    const reset = await api('POST', `/admin/users/${created.body.id}/password-reset`, {
      mode: 'manual',
      password: 'fifteen-chars-1',
      confirmPassword: 'fifteen-chars-1',
    });
    expect(reset.body.error.code).toBe('password_policy');
    await api('PATCH', '/admin/company', { name: 'My Office', security: { minPasswordLength: 10 } });
  });

  it('names the administrator it made itself in the company’s language, and no one else', async () => {
    const named = await api('POST', '/admin/users', {
      name: 'Administrator',
      email: 'named-by-hand@example.com',
      role: 'admin',
    });
    const names = async () =>
      ((await api('GET', '/admin/users?limit=100')).body.items as { email: string; name: string }[])
        .filter((user) => [ADMIN_EMAIL, 'named-by-hand@example.com'].includes(user.email))
        .map((user) => user.name);
    expect(await names()).toEqual(['Administrator', 'Administrator']);
    try {
      expect((await api('PATCH', '/admin/company', { language: 'es' })).status).toBe(200);
      // The super admin the office named follows; a name an admin typed stays.
      expect(await names()).toEqual(['Administrador', 'Administrator']);
      // The log names who did what by the name they have now.
      const log = await api('GET', '/admin/audit-log?limit=5');
      expect(log.body.items[0]).toMatchObject({ action: 'company.updated', actorName: 'Administrador' });
      await api('PATCH', '/admin/company', { language: 'fr' });
      expect(await names()).toEqual(['Administrateur', 'Administrator']);
    } finally {
      await api('PATCH', '/admin/company', { language: 'en' });
      await api('DELETE', `/admin/users/${named.body.id}`);
    }
    expect(await names()).toEqual(['Administrator']);
  });

  it('keeps the company’s country and time zone, refusing codes and zones that name nothing', async () => {
    const fresh = (await api('GET', '/admin/company')).body;
    expect([fresh.country, fresh.timeZone]).toEqual(['', 'UTC']);
    const patched = await api('PATCH', '/admin/company', { country: 'FR', timeZone: 'Europe/Paris' });
    expect(patched.body).toMatchObject({ country: 'FR', timeZone: 'Europe/Paris' });
    for (const [body, field] of [
      [{ country: 'XX' }, 'body.country'],
      [{ country: 'fr' }, 'body.country'],
      [{ timeZone: 'Mars/Olympus_Mons' }, 'body.timeZone'],
      [{ timeZone: '../../etc/passwd' }, 'body.timeZone'],
    ] as const) {
      const refused = await api('PATCH', '/admin/company', body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error.field).toBe(field);
    }
    expect((await api('GET', '/admin/company')).body).toMatchObject({
      country: 'FR',
      timeZone: 'Europe/Paris',
    });
    await api('PATCH', '/admin/company', { country: '', timeZone: 'UTC' });
  });

  it('shows each user only their own voicemail, streams its audio, marks it read and deletes it', async () => {
    const owner = await office.createSignedInUser(admin, 'Voicemail Owner');
    const other = await office.createSignedInUser(admin, 'Someone Else');
    const audio = Buffer.from('RIFF....WAVEfmt fake audio bytes');
    const id = await storeVoicemail(office.office.db, office.office.voicemailFiles, {
      extension: owner.extension,
      callerNumber: other.extension,
      callerName: 'Someone Else',
      receivedAt: new Date().toISOString(),
      durationSeconds: 12,
      audio,
      audioType: 'audio/wav',
    });
    const list = await office.request('GET', '/me/voicemail', { token: owner.token });
    expect(list.body).toMatchObject({ unread: 1, items: [{ id, callerName: 'Someone Else', read: false }] });
    const file = await office.request('GET', `/me/voicemail/${id}/audio`, { token: owner.token });
    expect(file.headers.get('content-type')).toBe('audio/wav');
    expect(Buffer.compare(file.body, audio)).toBe(0);

    for (const [method, url, body] of [
      ['GET', `/me/voicemail/${id}/audio`],
      ['PATCH', `/me/voicemail/${id}`, { read: true }],
      ['DELETE', `/me/voicemail/${id}`],
    ] as const) {
      const response = await office.request(method, url, { token: other.token, body });
      expect(response.status).toBe(404);
    }
    expect((await office.request('GET', '/me/voicemail', { token: other.token })).body.items).toEqual([]);

    const read = await office.request('PATCH', `/me/voicemail/${id}`, {
      token: owner.token,
      body: { read: true },
    });
    expect(read.body.read).toBe(true);
    expect((await office.request('DELETE', `/me/voicemail/${id}`, { token: owner.token })).status).toBe(204);
    expect((await office.request('GET', `/me/voicemail/${id}/audio`, { token: owner.token })).status).toBe(
      404,
    );
  });

  it('pages the call log newest first and filters missed calls', async () => {
    const me = await office.createSignedInUser(admin, 'Busy Caller');
    const peer = await office.createSignedInUser(admin, 'Call Peer');
    const start = Date.parse('2026-01-01T09:00:00Z');
    for (let i = 0; i < 7; i++) {
      const startedAt = new Date(start + i * 60_000).toISOString();
      const answered = i % 2 === 0;
      await recordCall(office.office.db, {
        caller:
          i < 4
            ? { number: me.extension, name: 'Busy Caller', userId: me.id }
            : { number: peer.extension, name: 'Call Peer', userId: peer.id },
        callee:
          i < 4
            ? { number: peer.extension, name: 'Call Peer', userId: peer.id }
            : { number: me.extension, name: 'Busy Caller', userId: me.id },
        startedAt,
        answeredAt: answered ? new Date(start + i * 60_000 + 5_000).toISOString() : null,
        endedAt: new Date(start + i * 60_000 + 65_000).toISOString(),
        result: answered ? 'answered' : 'cancelled',
      });
    }
    const seen: any[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await office.request(
        'GET',
        `/me/call-log?limit=3${cursor ? `&before=${cursor}` : ''}`,
        { token: me.token },
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    const times = seen.map((e) => e.startedAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(seen[0]).toMatchObject({
      direction: 'incoming',
      otherNumber: peer.extension,
      durationSeconds: 60,
      result: 'answered',
    });

    const missed = await office.request('GET', '/me/call-log?filter=missed', { token: me.token });
    expect(missed.body.items.map((e: any) => e.result)).toEqual(['missed']);
    const outgoing = await office.request('GET', '/me/call-log?filter=outgoing', { token: me.token });
    expect(outgoing.body.items).toHaveLength(4);
    expect(outgoing.body.items.every((e: any) => e.direction === 'outgoing')).toBe(true);
    const forged = await office.request('GET', '/me/call-log?before=bm90LWEtY3Vyc29y', { token: me.token });
    expect(forged.body.error).toMatchObject({ code: 'invalid_field', field: 'query.before' });
  });

  it('protects admins from plain admins and the super admin from deleting themselves', async () => {
    const adminUser = await api('POST', '/admin/users', {
      name: 'Second Admin',
      email: 'second.admin@example.com',
      role: 'admin',
    });
    expect(adminUser.status).toBe(201);
    const self = (await api('GET', '/me')).body.id;
    expect((await api('DELETE', `/admin/users/${self}`)).body.error.code).toBe('cannot_delete_self');

    await api('POST', `/admin/users/${adminUser.body.id}/password-reset`, {
      mode: 'manual',
      password: 'Tulip-orbit-81',
      confirmPassword: 'Tulip-orbit-81',
    });
    const first = await office.login('second.admin@example.com', 'Tulip-orbit-81', 'admin');
    await office.request('POST', '/me/password', {
      token: first.body.accessToken,
      body: { currentPassword: 'Tulip-orbit-81', newPassword: 'Tulip-orbit-82' },
    });
    const plainAdmin = (await office.login('second.admin@example.com', 'Tulip-orbit-82', 'admin')).body
      .accessToken;
    const promote = await office.request('POST', '/admin/users', {
      token: plainAdmin,
      body: { name: 'Sneaky', email: 'sneaky@example.com', role: 'superadmin' },
    });
    expect(promote.status).toBe(403);
    const removeBoss = await office.request('DELETE', `/admin/users/${self}`, { token: plainAdmin });
    expect(removeBoss.status).toBe(403);
    const mine = await office.request('POST', '/admin/users', {
      token: plainAdmin,
      body: { name: 'Made By Admin', email: 'made.by.admin@example.com' },
    });
    expect(mine.status).toBe(201);
  });
});

describe('mail without SMTP', () => {
  it('lands in the outbox that admins read', async () => {
    const office = await TestOffice.start('sqlite', { smtpUrl: null });
    try {
      const admin = await office.adminToken();
      await office.request('POST', '/admin/users', {
        token: admin,
        body: { name: 'No Smtp', email: 'nosmtp@example.com' },
      });
      const outbox = await office.request('GET', '/admin/outbox', { token: admin });
      expect(outbox.body.items).toHaveLength(1);
      expect(outbox.body.items[0]).toMatchObject({ to: 'nosmtp@example.com', status: 'queued' });
      expect(outbox.body.items[0].body).toMatch(/Temporary password: \S{14}/);
      expect(office.smtp.mails).toEqual([]);
    } finally {
      await office.close();
    }
  });
});
