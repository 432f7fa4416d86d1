// The app's language becomes the office's language for the person's mail: the renderer sends it
// on the preferences channel, main checks it and the office keeps it; its mail then speaks it.
import { describe, expect, it } from 'vitest';
import { withSipOfficeAndApp } from '../support/app-services';

describe('the mail language set from the app', () => {
  const started = withSipOfficeAndApp();

  it('changes the signed-in person’s office preference, and their mail follows it', async () => {
    const { office } = started.sipOffice;
    const { app } = started;
    const person = await office.createSignedInUser(await office.adminToken(), 'Lucia Idioma');
    const signedIn = await app.router.invoke('auth', 'signIn', {
      login: person.email,
      password: person.password,
      scope: 'user',
    });
    expect(signedIn.ok).toBe(true);
    const stored = async () =>
      (await office.request('GET', '/me/preferences', { token: person.token })).body.language as unknown;
    expect(await stored()).toBeNull();

    const changed = await app.router.invoke('portal', 'updatePreferences', { body: { language: 'es' } });
    expect(changed).toMatchObject({ ok: true, value: { language: 'es' } });
    expect(await stored()).toBe('es');

    // Main checks the payload against the office's own schema: a language the office does not write is refused.
    const refused = await app.router.invoke('portal', 'updatePreferences', {
      body: { language: 'de' as 'es' },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(await stored()).toBe('es');

    expect(
      (await office.request('POST', '/auth/password-recovery', { body: { login: person.email } })).status,
    ).toBe(202);
    const mail = await office.smtp.next(person.email, (m) => m.subject.startsWith('Restablezca'));
    expect(mail.subject).toMatch(/^Restablezca su contraseña del portal de /);
  });
});
