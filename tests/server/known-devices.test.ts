// Item 5 of issue 18: strangers' wrong passwords lock an account for strangers only. A device the
// account signed in from before gets in with the right password and has its own, stricter count;
// the owner is told by mail what happened, from where, and what to do.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { MAX_KNOWN_DEVICES } from '../../server/accounts/known-devices';
import { hashSecret } from '../../server/accounts/tokens';
import { DATABASES, TestOffice } from '../support/office';

const THRESHOLD = 5; // the company default
const LOCK_MS = 15 * 60_000;

describe.each(DATABASES)('known devices and the lockout on %s', (database) => {
  let office: TestOffice;
  let serial = 0;

  beforeAll(async () => {
    office = await TestOffice.start(database);
  });
  afterAll(() => office?.close());
  // Every test starts with the address's and the logins' counters of the one before forgotten.
  afterEach(() => office.advance(LOCK_MS + 60_000));

  const signIn = (login: string, password: string, deviceToken?: string) =>
    office.request('POST', '/auth/login', {
      body: { login, password, scope: 'user', ...(deviceToken !== undefined && { deviceToken }) },
    });
  const wrong = () => `Wrong-${randomBytes(6).toString('hex')}`;
  /** A person who signed in once: the token of that device. */
  const person = async (name: string) => {
    const user = await office.createSignedInUser(await office.adminToken(), `${name} ${++serial}`);
    const first = await signIn(user.email, user.password);
    expect(first.body.deviceToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    return { ...user, device: first.body.deviceToken as string };
  };
  const lockOut = async (login: string) => {
    for (let i = 0; i < THRESHOLD; i++) expect((await signIn(login, wrong())).status).toBe(401);
  };
  const answer = (reply: { status: number; body: any }) =>
    `${reply.status} ${reply.body.error?.code ?? 'ok'}`;

  it('lets the known device in while strangers stay locked, until the lock ends', async () => {
    const ana = await person('Ana Known');
    await lockOut(ana.email);
    expect(answer(await signIn(ana.email, ana.password))).toBe('429 account_locked');
    const known = await signIn(ana.extension, ana.password, ana.device);
    expect(answer(known)).toBe('200 ok');
    // The same token comes back: the device stays what it is.
    expect(known.body.deviceToken).toBe(ana.device);
    expect(answer(await signIn(ana.email, ana.password))).toBe('429 account_locked');
    expect(answer(await signIn(ana.email, ana.password, randomBytes(32).toString('base64url')))).toBe(
      '429 account_locked',
    );
    office.advance(LOCK_MS + 1000);
    const later = await signIn(ana.email, ana.password);
    expect(answer(later)).toBe('200 ok');
    // A sign-in from elsewhere makes that device known too, with a token of its own.
    expect(later.body.deviceToken).not.toBe(ana.device);
  });

  it('does not let one account’s device past another account’s lock', async () => {
    const ana = await person('Ana Owner');
    const mallory = await person('Mallory Neighbour');
    await lockOut(ana.email);
    expect(answer(await signIn(ana.email, ana.password, mallory.device))).toBe('429 account_locked');
    // An unknown account answers a device token as it answers none: it tells nothing.
    const ghost = await signIn('ghost@example.com', 'Not-a-password-1', mallory.device);
    const none = await signIn('ghost@example.com', 'Not-a-password-1');
    expect([ghost.status, ghost.body]).toEqual([none.status, none.body]);
  });

  it('checks at most the threshold of a known device’s wrong passwords, even at once, then forgets it', async () => {
    const ana = await person('Ana Guessed');
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => signIn(ana.email, wrong(), ana.device)),
    );
    const counts: Record<string, number> = {};
    for (const reply of answers) counts[answer(reply)] = (counts[answer(reply)] ?? 0) + 1;
    // Past the device's own count the guesses are a stranger's: the login's counter locks after 5 more.
    expect(counts['401 invalid_credentials']).toBeLessThanOrEqual(2 * THRESHOLD);
    expect(counts['429 account_locked']).toBeGreaterThanOrEqual(40 - 2 * THRESHOLD);
    const device = await office.office.db
      .selectFrom('known_devices')
      .select('id')
      .where('token_hash', '=', hashSecret(ana.device))
      .executeTakeFirst();
    expect(device).toBeUndefined();
    expect(answer(await signIn(ana.email, ana.password, ana.device))).toBe('429 account_locked');
  });

  it('keeps a known device’s wrong passwords its own, forgiven by the right one', async () => {
    const ana = await person('Ana Typo');
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < THRESHOLD - 1; i++)
        expect((await signIn(ana.email, wrong(), ana.device)).status).toBe(401);
      expect(answer(await signIn(ana.email, ana.password, ana.device))).toBe('200 ok');
    }
    // Twelve typos on her own device locked nobody out.
    expect(answer(await signIn(ana.email, ana.password))).toBe('200 ok');
  });

  it('forgets the devices when an admin resets the password or a recovery sets it, not on an own change', async () => {
    const ana = await person('Ana Reset');
    const devices = () =>
      office.office.db.selectFrom('known_devices').select('id').where('user_id', '=', ana.id).execute();
    const known = (await devices()).length;
    expect(known).toBeGreaterThan(0);
    const changed = await office.request('POST', '/me/password', {
      token: (await signIn(ana.email, ana.password, ana.device)).body.accessToken,
      body: { currentPassword: ana.password, newPassword: 'Fresh-lantern-73' },
    });
    expect(changed.status).toBe(204);
    expect(await devices()).toHaveLength(known);

    await office.request('POST', '/auth/password-recovery', { body: { login: ana.email } });
    const code = /use this code: (\w+)/.exec(
      (await office.smtp.next(ana.email, (m) => m.subject.startsWith('Reset'))).text,
    )?.[1];
    const recovered = await office.request('POST', '/auth/password-recovery/confirm', {
      body: { code, newPassword: 'Copper-meadow-62' },
    });
    expect(recovered.status).toBe(204);
    expect(await devices()).toHaveLength(0);

    const device = (await signIn(ana.email, 'Copper-meadow-62')).body.deviceToken;
    expect(await devices()).toHaveLength(1);
    const reset = await office.request('POST', `/admin/users/${ana.id}/password-reset`, {
      token: await office.adminToken(),
      body: { mode: 'manual', password: 'Quartz-harbour-84', confirmPassword: 'Quartz-harbour-84' },
    });
    expect(reset.status).toBe(204);
    expect(await devices()).toHaveLength(0);
    await lockOut(ana.email);
    for (const token of [ana.device, device])
      expect(answer(await signIn(ana.email, 'Quartz-harbour-84', token))).toBe('429 account_locked');
  });

  it(`keeps ${MAX_KNOWN_DEVICES} devices an account signed in from, forgetting the one unused longest`, async () => {
    const ana = await person('Ana Many');
    const tokens = [ana.device];
    for (let i = 1; i < MAX_KNOWN_DEVICES + 3; i++) {
      office.advance(1000);
      tokens.push((await signIn(ana.email, ana.password)).body.deviceToken);
    }
    const kept = await office.office.db
      .selectFrom('known_devices')
      .select('id')
      .where('user_id', '=', ana.id)
      .execute();
    expect(kept).toHaveLength(MAX_KNOWN_DEVICES);
    await lockOut(ana.email);
    expect(answer(await signIn(ana.email, ana.password, tokens[0]))).toBe('429 account_locked');
    expect(answer(await signIn(ana.email, ana.password, tokens.at(-1)))).toBe('200 ok');
  });

  it('refuses a malformed device token with its field', async () => {
    const refused = await signIn('ghost@example.com', 'Not-a-password-1', 'short');
    expect([refused.status, refused.body.error.field]).toEqual([400, 'body.deviceToken']);
  });

  it('mails the owner, in their language, how many tries, from where, when, and what still works', async () => {
    const ana = await person('Ana Avisada');
    await office.request('PATCH', '/me/preferences', { token: ana.token, body: { language: 'es' } });
    await lockOut(ana.email);
    const mail = await office.smtp.next(ana.email, (m) => m.subject.startsWith('Se bloqueó'));
    expect(mail.subject).toBe('Se bloqueó el inicio de sesión en su cuenta de My Office');
    expect(mail.text).toMatch(
      /Intentos fallidos: 5\n {2}Desde: 127\.0\.0\.1\n {2}Entre el \d+ de \w+ de \d{4}/,
    );
    expect(mail.text).toContain('está bloqueado hasta el ');
    expect(mail.text).toContain('no está bloqueada: puede seguir iniciando sesión allí como siempre.');
    // One mail per lock: guesses refused while it lasts send no more.
    for (let i = 0; i < 3; i++) await signIn(ana.email, wrong());
    await office.office.lockoutNotices.settled();
    expect(office.smtp.mails.filter((m) => m.to === ana.email && m.subject.startsWith('Se bloqueó'))).toEqual(
      [],
    );
  });

  it('mails the owner when wrong current passwords on a password change lock the account', async () => {
    const ana = await person('Ana Session');
    for (let i = 0; i < THRESHOLD; i++) {
      await office.request('POST', '/me/password', {
        token: ana.token,
        body: { currentPassword: wrong(), newPassword: 'Fresh-lantern-73' },
      });
    }
    const mail = await office.smtp.next(ana.email, (m) => m.subject.endsWith('was locked'));
    expect(mail.text).toContain('Failed attempts: 5');
  });
});
