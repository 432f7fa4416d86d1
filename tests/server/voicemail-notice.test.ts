import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, useTestOffice } from '../support/office';
import { EventStreamReader } from '../support/event-stream';
import { storeVoicemail } from '../../server/directory/voicemail';

describe.each(DATABASES)('voicemail notices and mail languages on %s', (database) => {
  const office = useTestOffice(database);
  let admin: string;

  beforeAll(async () => {
    admin = await office.adminToken();
  });

  const setLanguage = (token: string, language: unknown) =>
    office.request('PATCH', '/me/preferences', { token, body: { language } });
  const setCompanyLanguage = (language: unknown) =>
    office.request('PATCH', '/admin/company', { token: admin, body: { language } });
  const leaveMessage = async (user: { id: string; extension: string }) => {
    const messageId = await storeVoicemail(office.office.db, office.office.voicemailFiles, {
      extension: user.extension,
      callerNumber: '+15550100',
      callerName: 'Ada Caller',
      receivedAt: '2026-03-14T09:26:00.000Z',
      durationSeconds: 42,
      audio: Buffer.from('recording'),
      audioType: 'audio/wav',
    });
    office.office.events.emit('voicemail-received', { userId: user.id, messageId });
    return messageId;
  };

  it('keeps a language preference: null follows the company, only en, es and fr', async () => {
    const user = await office.createSignedInUser(admin, 'Language Chooser');
    expect((await office.request('GET', '/me/preferences', { token: user.token })).body.language).toBeNull();
    expect((await setLanguage(user.token, 'es')).body.language).toBe('es');
    const refused = await setLanguage(user.token, 'de');
    expect([refused.status, refused.body.error.field]).toEqual([400, 'body.language']);
    expect((await office.request('GET', '/me/preferences', { token: user.token })).body.language).toBe('es');
    expect((await setLanguage(user.token, null)).body.language).toBeNull();
  });

  it("says which language the user's mail is written in: theirs, else the company's", async () => {
    const user = await office.createSignedInUser(admin, 'Language Reader');
    const read = async () => {
      const { body } = await office.request('GET', '/me/preferences', { token: user.token });
      return [body.language, body.mailLanguage];
    };
    expect(await read()).toEqual([null, 'en']);
    const refused = await setCompanyLanguage('de');
    expect([refused.status, refused.body.error.field]).toEqual([400, 'body.language']);
    expect((await setCompanyLanguage('fr')).body.language).toBe('fr');
    try {
      expect(await read()).toEqual([null, 'fr']);
      const changed = await setLanguage(user.token, 'es');
      expect([changed.body.language, changed.body.mailLanguage]).toEqual(['es', 'es']);
      expect(await read()).toEqual(['es', 'es']);
    } finally {
      await setCompanyLanguage('en');
    }
  });

  it("pushes a new message to the owner's apps and mails the notice in the owner's language", async () => {
    const user = await office.createSignedInUser(admin, 'Notice Owner');
    const other = await office.createSignedInUser(admin, 'Notice Bystander');
    expect((await setLanguage(user.token, 'fr')).status).toBe(200);
    const zone = await office.request('PATCH', '/admin/company', {
      token: admin,
      body: { timeZone: 'Europe/Madrid' },
    });
    expect(zone.body.timeZone).toBe('Europe/Madrid');
    const unknownZone = await office.request('PATCH', '/admin/company', {
      token: admin,
      body: { timeZone: 'Mars/Olympus_Mons' },
    });
    expect([unknownZone.status, unknownZone.body.error.field]).toEqual([400, 'body.timeZone']);
    const mine = await EventStreamReader.open(office.baseUrl, user.token);
    const theirs = await EventStreamReader.open(office.baseUrl, other.token);
    try {
      const messageId = await leaveMessage(user);
      const pushed = await mine.next();
      expect(pushed).toEqual({
        event: 'voicemail',
        data: {
          type: 'voicemail',
          message: {
            id: messageId,
            callerNumber: '+15550100',
            callerName: 'Ada Caller',
            receivedAt: '2026-03-14T09:26:00.000Z',
            durationSeconds: 42,
            read: false,
            audioType: 'audio/wav',
            // The person's own box: no ring group's.
            ringGroup: null,
          },
        },
      });
      const mail = await office.smtp.next(user.email, (m) => m.subject.includes('Ada Caller'));
      expect(mail.subject).toBe('Nouveau message vocal : Ada Caller (+15550100)');
      expect(mail.text).toContain('Bonjour Notice Owner,');
      // 09:26 UTC is 10:26 in Madrid in March: the company's time, named, never bare UTC.
      expect(mail.text).toContain('42 secondes le 14 mars 2026 à 10:26 UTC+1.');
      expect(mail.text).toContain('http://portal.example.com');
      expect(theirs.queued).toBe(0);
    } finally {
      mine.close();
      theirs.close();
    }

    expect((await setLanguage(user.token, 'es')).status).toBe(200);
    await leaveMessage(user);
    const spanish = await office.smtp.next(user.email, (m) => m.subject.includes('Ada Caller'));
    expect(spanish.subject).toBe('Nuevo mensaje de voz de Ada Caller (+15550100)');
    expect(spanish.text).toContain('42 segundos el 14 de marzo de 2026 a las 10:26 CET.');
  });

  it('sends no notice mail when the box has no notification address', async () => {
    const user = await office.createSignedInUser(admin, 'Quiet Box');
    await office.office.db
      .updateTable('voicemail_boxes')
      .set({ notification_email: null })
      .where('extension_id', 'in', (eb) =>
        eb.selectFrom('extensions').select('id').where('user_id', '=', user.id),
      )
      .execute();
    const before = await office.office.db.selectFrom('mail_outbox').select('id').execute();
    const stream = await EventStreamReader.open(office.baseUrl, user.token);
    try {
      await leaveMessage(user);
      expect((await stream.next()).event).toBe('voicemail');
    } finally {
      stream.close();
    }
    await office.office.mailer.settled();
    const after = await office.office.db.selectFrom('mail_outbox').select('id').execute();
    expect(after.length).toBe(before.length);
  });

  it('writes a new colleague’s welcome mail in the language the admin chose for them, and keeps it as theirs', async () => {
    // The company writes in French; the colleague reads Spanish.
    await setCompanyLanguage('fr');
    const created = await office.request('POST', '/admin/users', {
      token: admin,
      body: { name: 'Lucía García-Pérez', email: 'lucia.garcia-perez@ejemplo-largo.example', language: 'es' },
    });
    expect(created.status).toBe(201);
    const welcome = await office.smtp.next('lucia.garcia-perez@ejemplo-largo.example');
    expect(welcome.subject).toMatch(/^Le damos la bienvenida a .*: su extensión \d+$/);
    expect(welcome.text).toContain('Lucía García-Pérez');
    const refused = await office.request('POST', '/admin/users', {
      token: admin,
      body: { name: 'Zoë Brontë-Ødegaard', email: 'zoe@example.com', language: 'de' },
    });
    expect([refused.status, refused.body.error.field]).toEqual([400, 'body.language']);
    await setCompanyLanguage('en');
    // Theirs, not the company's: a reset mail later is Spanish too.
    const reset = await office.request('POST', `/admin/users/${created.body.id}/password-reset`, {
      token: admin,
      body: { mode: 'automatic' },
    });
    expect(reset.status).toBe(204);
    const resetMail = await office.smtp.next('lucia.garcia-perez@ejemplo-largo.example');
    expect(resetMail.subject).toMatch(/^Se ha restablecido su contraseña/);
  });

  it("writes welcome, reset and recovery mail in the user's language, a changed template as written", async () => {
    expect((await setCompanyLanguage('es')).body.language).toBe('es');
    const created = await office.request('POST', '/admin/users', {
      token: admin,
      body: { name: 'Nuevo Usuario', email: 'nuevo@example.com' },
    });
    expect(created.status).toBe(201);
    const welcome = await office.smtp.next('nuevo@example.com');
    expect(welcome.subject).toMatch(/^Le damos la bienvenida a .*: su extensión \d+$/);
    expect(welcome.text).toMatch(/Contraseña temporal: \S+/);
    await setCompanyLanguage('en');

    const user = await office.createSignedInUser(admin, 'Francophone User');
    expect((await setLanguage(user.token, 'fr')).status).toBe(200);
    const reset = await office.request('POST', `/admin/users/${user.id}/password-reset`, {
      token: admin,
      body: { mode: 'automatic' },
    });
    expect(reset.status).toBe(204);
    const resetMail = await office.smtp.next(user.email, (m) => m.subject.includes('réinitialisé'));
    expect(resetMail.text).toMatch(/mot de passe temporaire : \S+/);

    expect(
      (await office.request('POST', '/auth/password-recovery', { body: { login: user.email } })).status,
    ).toBe(202);
    const recovery = await office.smtp.next(user.email, (m) => m.subject.startsWith('Réinitialisez'));
    expect(recovery.text).toMatch(/utilisez ce code : \S+/);

    // An admin's own wording is sent as written, whatever the language.
    const templates = await office.request('GET', '/admin/email-templates', { token: admin });
    const resetTemplate = templates.body.items.find(
      (t: { kind: string; isDefault: boolean }) => t.kind === 'password-reset' && t.isDefault,
    );
    const edited = await office.request('PATCH', `/admin/email-templates/${resetTemplate.id}`, {
      token: admin,
      body: { subject: 'House style reset for {{name}}' },
    });
    expect(edited.status).toBe(200);
    await office.request('POST', `/admin/users/${user.id}/password-reset`, {
      token: admin,
      body: { mode: 'automatic' },
    });
    const custom = await office.smtp.next(user.email, (m) => m.subject.startsWith('House style'));
    expect(custom.subject).toBe('House style reset for Francophone User');
  });
});
