// Items 5 and 9 of issue 8: guesses sent at once cannot get past the lockout or the address
// limit, locking tells nothing about who owns what, and the failure maps stay bounded.
import { afterEach, describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../server/accounts/login-throttle';
import { DATABASES, TestOffice } from '../support/office';

const THRESHOLD = 5; // the company default
const statuses = (answers: { status: number; body: any }[]) => {
  const counts: Record<string, number> = {};
  for (const a of answers) {
    const key = `${a.status} ${a.body.error?.code ?? 'ok'}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};

// Hundreds of requests, each of the checked ones an scrypt: slow on a busy machine.
const SLOW = 180_000;

describe.each(DATABASES)('sign-in limits under concurrency, on %s', (database) => {
  let office: TestOffice;
  afterEach(() => office?.close(), SLOW);

  it(
    'checks at most the threshold of 200 wrong passwords sent at once, then refuses the right one',
    async () => {
      office = await TestOffice.start(database);
      const user = await office.createSignedInUser(await office.adminToken(), 'Under Siege');
      const answers = await Promise.all(
        Array.from({ length: 200 }, (_, i) => office.login(user.email, `wrong-guess-${i}`)),
      );
      // Only the guesses whose password was checked answer 401.
      expect(statuses(answers)).toEqual({
        '401 invalid_credentials': THRESHOLD,
        '429 account_locked': 200 - THRESHOLD,
      });
      const right = await office.login(user.email, user.password);
      expect(right.body.error?.code).toBe('account_locked');
      office.advance(16 * 60_000);
      expect((await office.login(user.email, user.password)).status).toBe(200);
    },
    SLOW,
  );

  it(
    'checks at most 50 passwords from one address, however many arrive at once',
    async () => {
      office = await TestOffice.start(database);
      const user = await office.createSignedInUser(await office.adminToken(), 'Same Address');
      const answers = await Promise.all(
        Array.from({ length: 150 }, (_, i) => office.login(`guess${i}@example.com`, 'Guessing-pass-1')),
      );
      expect(statuses(answers)).toEqual({
        '401 invalid_credentials': 50,
        '429 too_many_requests': 100,
      });
      expect((await office.login(user.email, user.password)).body.error?.code).toBe('too_many_requests');
      office.advance(16 * 60_000);
      expect((await office.login(user.email, user.password)).status).toBe(200);
    },
    SLOW,
  );

  it('does not tell which email owns a locked extension', async () => {
    office = await TestOffice.start(database);
    const user = await office.createSignedInUser(await office.adminToken(), 'Owner Olga');
    for (let i = 0; i < THRESHOLD; i++) await office.login(user.extension, 'wrong-guess-1');
    expect((await office.login(user.extension, user.password)).body.error.code).toBe('account_locked');

    // The owner's email and a stranger's answer alike, before and after their own threshold.
    const owner = await office.login(user.email, 'wrong-guess-2');
    const stranger = await office.login('stranger@example.com', 'wrong-guess-2');
    expect(owner.status).toBe(401);
    expect([stranger.status, stranger.body]).toEqual([owner.status, owner.body]);
    // The account stays locked: even its right password is not checked through the email.
    expect((await office.login(user.email, user.password)).body).toEqual(owner.body);
    for (let i = 0; i < THRESHOLD; i++) {
      await office.login(user.email, 'wrong-guess-3');
      await office.login('stranger@example.com', 'wrong-guess-3');
    }
    const ownerLocked = await office.login(user.email, 'wrong-guess-4');
    const strangerLocked = await office.login('stranger@example.com', 'wrong-guess-4');
    expect(ownerLocked.status).toBe(429);
    expect([strangerLocked.status, strangerLocked.body]).toEqual([ownerLocked.status, ownerLocked.body]);
  });

  it(
    'counts wrong current passwords on the own password change against the same lockout',
    async () => {
      office = await TestOffice.start(database);
      const user = await office.createSignedInUser(await office.adminToken(), 'Stolen Session');
      const answers = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          office.request('POST', '/me/password', {
            token: user.token,
            body: { currentPassword: `wrong-guess-${i}`, newPassword: 'Fresh-quartz-55' },
          }),
        ),
      );
      expect(statuses(answers)).toEqual({
        '400 invalid_credentials': THRESHOLD,
        '429 account_locked': 60 - THRESHOLD,
      });
      const right = await office.request('POST', '/me/password', {
        token: user.token,
        body: { currentPassword: user.password, newPassword: 'Fresh-quartz-55' },
      });
      expect(right.body.error.code).toBe('account_locked');
      expect((await office.login(user.email, user.password)).status).toBe(401);
    },
    SLOW,
  );

  it('ends the session on logout with the access token alone', async () => {
    office = await TestOffice.start(database);
    const user = await office.createSignedInUser(await office.adminToken(), 'Leaving Leo');
    const logout = await office.request('POST', '/auth/logout', { token: user.token, body: {} });
    expect(logout.status).toBe(204);
    expect((await office.request('GET', '/me', { token: user.token })).status).toBe(401);
    const refresh = await office.request('POST', '/auth/refresh', {
      body: { refreshToken: user.refreshToken },
    });
    expect(refresh.body.error.code).toBe('session_expired');
  });

  it('keeps the failure maps capped under a flood of distinct addresses and logins', async () => {
    office = await TestOffice.start(database);
    const user = await office.createSignedInUser(await office.adminToken(), 'Flood Survivor');
    const throttle = office.office.loginThrottle;
    for (let i = 0; i < 50_000; i++) {
      throttle.takeAddressAttempt(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
      throttle.takeLoginAttempt(`flood${i}@example.com`, THRESHOLD, 15);
    }
    expect(throttle.size).toEqual({ addresses: 10_000, logins: 10_000 });
    expect((await office.login(user.email, user.password)).status).toBe(200);
  });
});

describe('the failure maps', () => {
  it('forget by age and by count, at a cost that does not grow with the number of keys', () => {
    let now = 0;
    const throttle = new LoginThrottle(() => now);
    const flood = (from: number, count: number) => {
      const started = performance.now();
      for (let i = from; i < from + count; i++) throttle.takeAddressAttempt(`address-${i}`);
      return performance.now() - started;
    };
    flood(0, 10_000);
    expect(throttle.size.addresses).toBe(10_000);
    // Past the window every old address goes as new ones arrive.
    now += 16 * 60_000;
    flood(10_000, 10);
    expect(throttle.size.addresses).toBe(10);
    // Full map or nearly empty, a failure costs about the same (no scan of all keys). Each is
    // timed a few times and the quickest kept: another process taking the core mid-run makes a
    // time longer, never shorter, so the quickest is the cost itself.
    let next = 20_000;
    const quickest = (prepare: () => void) =>
      Math.min(
        ...Array.from({ length: 5 }, () => {
          prepare();
          const took = flood(next, 20_000);
          next += 20_000;
          return took;
        }),
      );
    const full = quickest(() => {
      flood(next, 10_000);
      next += 10_000;
    });
    const fresh = quickest(() => {
      now += 16 * 60_000;
      flood(next++, 1);
    });
    expect(full).toBeLessThan(fresh * 5 + 50);

    // One address is capped at its limit, and a successful attempt gives its count back.
    for (let i = 0; i < 60; i++) throttle.takeAddressAttempt('one');
    expect(throttle.takeAddressAttempt('one')).toBe(false);
    now += 16 * 60_000;
    expect(throttle.takeAddressAttempt('one')).toBe(true);
    throttle.giveBackAddressAttempt('one');
  });
});
