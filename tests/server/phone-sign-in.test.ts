// Signing in with a phone number (issue 23, item 5): a person's direct number signs them in, the
// company's main number its super admin; E.164 as typed, or national with the country picked on
// the sign-in screen, which the office preselects with the company's country.
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, DATABASES, useTestOffice } from '../support/office';

describe.each(DATABASES)('sign-in with a phone number on %s', (database) => {
  const office = useTestOffice(database);
  let colleague: { id: string; password: string; extension: string };
  let guessed: { id: string; password: string; extension: string };
  let boss: string;
  let bossId: string;

  const signIn = (login: string, password: string, country?: string) =>
    office.request('POST', '/auth/login', {
      body: { login, password, scope: 'user', ...(country !== undefined && { country }) },
    });

  beforeAll(async () => {
    boss = await office.adminToken();
    bossId = (await office.request('GET', '/me', { token: boss })).body.id as string;
    colleague = await office.createSignedInUser(boss, 'Phone Pilar');
    const add = async (number: string, routeType: string, routeTarget: string) => {
      const answer = await office.request('POST', '/admin/phone-numbers', {
        token: boss,
        body: { number, routeType, routeTarget },
      });
      expect(answer.status).toBe(201);
    };
    guessed = await office.createSignedInUser(boss, 'Phone Lola');
    await add('+34910000001', 'extension', colleague.extension);
    await add('+34910000005', 'extension', guessed.extension);
    // The main number rings a colleague, yet it signs in the super admin only.
    await add('+34910000099', 'extension', (await office.createSignedInUser(boss, 'Phone Rosa')).extension);
    const company = await office.request('PATCH', '/admin/company', {
      token: boss,
      body: { country: 'ES', mainNumber: '+34910000099' },
    });
    expect(company.status).toBe(200);
  });

  it('tells the sign-in screen the company’s country, before anyone signs in', async () => {
    expect((await office.request('GET', '/auth/sign-in-options')).body).toEqual({ country: 'ES' });
  });

  it('signs a person in with their direct number, in E.164 or national with the country', async () => {
    for (const [login, country] of [
      ['+34910000001', undefined],
      ['+34 910 00 00 01', 'FR'],
      ['910 000 001', 'ES'],
      ['910000001', 'ES'],
    ] as const) {
      const answer = await signIn(login, colleague.password, country);
      expect({ login, status: answer.status, id: answer.body.user?.id }).toEqual({
        login,
        status: 200,
        id: colleague.id,
      });
    }
  });

  it('signs the super admin in with the company’s main number', async () => {
    const answer = await signIn('910000099', ADMIN_PASSWORD, 'ES');
    expect(answer.status).toBe(200);
    expect(answer.body.user).toMatchObject({ id: bossId, email: ADMIN_EMAIL, role: 'superadmin' });
    expect((await signIn('+34910000099', colleague.password)).status).toBe(401);
  });

  it('signs nobody in with a number that is no one’s, or read in another country', async () => {
    for (const [login, country] of [
      ['+34910000003', undefined], // not the office's
      ['910000001', undefined], // national, and no country to read it in
      ['910000001', 'FR'], // not a valid French number
    ] as const) {
      const answer = await signIn(login, colleague.password, country);
      expect({ login, country, status: answer.status, code: answer.body.error?.code }).toEqual({
        login,
        country,
        status: 401,
        code: 'invalid_credentials',
      });
    }
  });

  it('still takes an extension or an email, with a country or without', async () => {
    expect((await signIn(colleague.extension, colleague.password, 'ES')).body.user?.id).toBe(colleague.id);
    expect((await signIn('PHONE.PILAR@example.com', colleague.password, 'ES')).body.user?.id).toBe(
      colleague.id,
    );
  });

  it('refuses a country that is no ISO 3166-1 code, naming it', async () => {
    const answer = await signIn('910000001', colleague.password, 'ZZ');
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'invalid_field', field: 'body.country' });
  });

  it('counts wrong passwords by the number, however it is written, until an admin resets the password', async () => {
    // The company's threshold is 5: the national and the E.164 forms are one login.
    for (const login of ['910000005', '910 00 00 05', '+34910000005', '+34 910 000 005', '910000005'])
      expect((await signIn(login, 'not-the-password', 'ES')).status).toBe(401);
    const locked = await signIn('+34910000005', guessed.password);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('account_locked');

    const reset = await office.request('POST', `/admin/users/${guessed.id}/password-reset`, {
      token: boss,
      body: { mode: 'manual', password: 'Fresh-harbor-55', confirmPassword: 'Fresh-harbor-55' },
    });
    expect(reset.status).toBe(204);
    const after = await signIn('910000005', 'Fresh-harbor-55', 'ES');
    expect({ status: after.status, id: after.body.user?.id }).toEqual({ status: 200, id: guessed.id });
  });
});
