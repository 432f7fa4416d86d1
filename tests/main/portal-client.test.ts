// PortalClient against a real office on loopback, with the real OS keyring (see scripts/test.sh).
import { once } from 'node:events';
import keytar from 'keytar';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT } from '../../common/ipc/contract';
import { CredentialVault, KEYRING_SERVICE, keytarBackend } from '../../main/services/credential-vault';
import { PortalClient } from '../../main/services/portal-client';
import type { IpcFailure } from '../../main/ipc/failure';
import { defaultRanges } from '../../server/directory/numbering-plan';
import { ADMIN_EMAIL, ADMIN_PASSWORD, useTestOffice } from '../support/office';
import { TcpProxy } from '../support/tcp-proxy';

const { admin, portal } = CONTRACT;

describe('PortalClient', () => {
  const office = useTestOffice('sqlite');
  let vault: CredentialVault;
  let ana: { email: string; password: string; extension: string };

  beforeAll(async () => {
    vault = await CredentialVault.open([keytarBackend]);
    ana = await office.createSignedInUser(await office.adminToken(), 'Ana Portal');
  });

  const client = () => new PortalClient(office.baseUrl, vault);

  it('signs in and calls the office routes the contract names, with their schemas’ types', async () => {
    const portalClient = client();
    const session = await portalClient.signIn({
      login: ADMIN_EMAIL,
      password: ADMIN_PASSWORD,
      scope: 'admin',
    });
    expect(session).toMatchObject({ scope: 'admin', user: { email: ADMIN_EMAIL, role: 'superadmin' } });
    const users = await portalClient.call<{ items: { email: string }[] }>(admin.requests.listUsers.rest, {
      query: { search: 'Ana' },
    });
    expect(users.items.map((u) => u.email)).toEqual([ana.email]);
  });

  it('passes the office’s refusal through with its code and field', async () => {
    const portalClient = client();
    await expect(
      portalClient.signIn({ login: ana.email, password: 'wrong-password', scope: 'user' }),
    ).rejects.toMatchObject({
      code: 'invalid_credentials',
    });
    await portalClient.signIn({ login: ana.email, password: ana.password, scope: 'user' });
    await expect(portalClient.call(admin.requests.listUsers.rest, {})).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      portalClient.call(portal.requests.updatePreferences.rest, { body: { ringTimeoutSeconds: 1 } }),
    ).rejects.toMatchObject({
      code: 'invalid_field',
      field: 'body.ringTimeoutSeconds',
    });
  });

  it('passes the list of what stands in the way of a change through with the refusal', async () => {
    const portalClient = client();
    await portalClient.signIn({ login: ADMIN_EMAIL, password: ADMIN_PASSWORD, scope: 'admin' });
    const plan = await portalClient.call<{ ranges: object }>(admin.requests.numberingPlan.rest, {});
    const refused = await portalClient
      .call(admin.requests.changeNumberingPlan.rest, {
        body: { extensionLength: 4, ranges: defaultRanges(4) },
      })
      .catch((error: unknown) => error as IpcFailure);
    expect(refused).toMatchObject({ code: 'numbering_conflict' });
    expect((refused as IpcFailure).toError().conflicts).toContainEqual({
      kind: 'extension',
      number: ana.extension,
      name: 'Ana Portal',
      reason: 'length',
    });
    expect(plan.ranges).toEqual(defaultRanges(3));
  });

  it('refreshes an expired access token once for many parallel calls, all of which succeed', async () => {
    const portalClient = client();
    await portalClient.signIn({ login: ana.email, password: ana.password, scope: 'user' });
    office.advance(11 * 60_000);
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => portalClient.call<{ email: string }>(portal.requests.me.rest, {})),
    );
    expect(new Set(answers.map((me) => me.email))).toEqual(new Set([ana.email]));
  });

  it('keeps a remembered refresh token only in the keyring, resumes with it, and sign-out wipes it', async () => {
    const first = client();
    const signedIn = await first.signIn({
      login: ana.email,
      password: ana.password,
      scope: 'user',
      remember: true,
    });
    expect(signedIn).toMatchObject({ staySignedIn: 'kept', idleMinutes: null });
    const entry = `${new URL(office.baseUrl).origin} ${ana.email}`;
    expect(await keytar.getPassword(KEYRING_SERVICE, `${entry} refresh-token`)).toMatch(/\S{10,}/);

    // The office keeps that session with no idle limit: a laptop asleep for hours resumes it.
    office.advance(3 * 60 * 60_000);

    const second = client();
    const resumed = await second.resume(ana.email);
    expect(resumed).toMatchObject({ scope: 'user', user: { email: ana.email, extension: ana.extension } });
    expect((await second.call<{ email: string }>(portal.requests.me.rest, {})).email).toBe(ana.email);

    const ended = once(second, 'session');
    await second.signOut();
    expect(await ended).toEqual([null]);
    expect(await keytar.getPassword(KEYRING_SERVICE, `${entry} refresh-token`)).toBeNull();
    expect(await client().resume(ana.email)).toBeNull();
    await expect(second.call(portal.requests.me.rest, {})).rejects.toMatchObject({ code: 'not_signed_in' });
  });

  it('keeps this computer’s device token past sign-out and signs in with it through a stranger’s lockout', async () => {
    const bob = await office.createSignedInUser(await office.adminToken(), 'Bob Device');
    const origin = new URL(office.baseUrl).origin;
    const tokenFor = (login: string) =>
      keytar.getPassword(KEYRING_SERVICE, `${origin} ${login} device-token`);
    const app = client();
    await app.signIn({ login: bob.email.toUpperCase(), password: bob.password, scope: 'user' });
    const device = await tokenFor(bob.email);
    expect(device).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await tokenFor(bob.extension)).toBe(device);
    await app.signOut();
    expect(await tokenFor(bob.email)).toBe(device);

    // A stranger's wrong passwords lock the account everywhere else.
    for (let i = 0; i < 5; i++) await office.login(bob.email, `Wrong-guess-${i}`);
    expect((await office.login(bob.email, bob.password)).body.error.code).toBe('account_locked');

    const again = await client().signIn({ login: bob.extension, password: bob.password, scope: 'user' });
    expect(again.user.email).toBe(bob.email);
    // A computer the account never signed in from (nothing in its keyring) stays locked out.
    for (const login of [bob.email, bob.extension])
      await keytar.deletePassword(KEYRING_SERVICE, `${origin} ${login} device-token`);
    await expect(
      client().signIn({ login: bob.email, password: bob.password, scope: 'user' }),
    ).rejects.toMatchObject({ code: 'account_locked' });
  });

  it('signs in all the same where no keyring works, for this launch only, and says so', async () => {
    const portalClient = new PortalClient(
      office.baseUrl,
      CredentialVault.unusable('no keyring on this computer'),
    );
    const signedIn = await portalClient.signIn({
      login: ana.email,
      password: ana.password,
      scope: 'user',
      remember: true,
    });
    // The office was not asked for a session without an idle limit that nobody could resume.
    expect(signedIn).toMatchObject({
      staySignedIn: 'not-possible',
      idleMinutes: 60,
      user: { email: ana.email },
    });
    expect((await portalClient.call<{ email: string }>(portal.requests.me.rest, {})).email).toBe(ana.email);
    const plain = await portalClient.signIn({ login: ana.email, password: ana.password, scope: 'user' });
    expect(plain.staySignedIn).toBe('not-asked');
    // Signing out has nothing to wipe and still ends the session.
    await portalClient.signOut();
    expect(portalClient.session).toBeNull();
  });

  it('never remembers an administrator sign-in', async () => {
    await expect(
      client().signIn({ login: ADMIN_EMAIL, password: ADMIN_PASSWORD, scope: 'admin', remember: true }),
    ).rejects.toMatchObject({ code: 'invalid_request' });
  });

  it('ends the session when the office refuses to refresh it, and says so', async () => {
    const portalClient = client();
    await portalClient.signIn({ login: ana.email, password: ana.password, scope: 'user' });
    office.advance(40 * 24 * 60 * 60_000);
    const ended = once(portalClient, 'session');
    await expect(portalClient.call(portal.requests.me.rest, {})).rejects.toMatchObject({
      code: 'session_expired',
    });
    expect(await ended).toEqual([null]);
    expect(portalClient.session).toBeNull();
  });

  it('ends a person’s session the office revoked while its access token still held, and forgets it', async () => {
    const adminToken = await office.adminToken();
    const rui = await office.createSignedInUser(adminToken, 'Rui Revoked');
    const portalClient = client();
    await portalClient.signIn({ login: rui.email, password: rui.password, scope: 'user', remember: true });
    const entry = `${new URL(office.baseUrl).origin} ${rui.email}`;
    expect(await keytar.getPassword(KEYRING_SERVICE, `${entry} refresh-token`)).not.toBeNull();
    const events: string[] = [];
    portalClient.on('session', (session) => events.push(session === null ? 'session null' : 'session'));
    portalClient.on('endedByOffice', (reason) => events.push(`ended by office: ${reason}`));

    // An administrator's reset revokes every session of theirs; the access token is minutes old.
    const reset = await office.request('POST', `/admin/users/${rui.id}/password-reset`, {
      token: adminToken,
      body: { mode: 'automatic' },
    });
    expect(reset.status).toBe(204);
    await expect(portalClient.call(portal.requests.me.rest, {})).rejects.toMatchObject({
      code: 'session_expired',
    });
    // With the office's reason, for the app to say (not "idle").
    expect(events).toEqual(['session null', 'ended by office: password-reset']);
    expect(portalClient.session).toBeNull();
    expect(await keytar.getPassword(KEYRING_SERVICE, `${entry} refresh-token`)).toBeNull();
    await expect(portalClient.call(portal.requests.me.rest, {})).rejects.toMatchObject({
      code: 'not_signed_in',
    });
  });

  it('says nothing of the office when the person signs out', async () => {
    const portalClient = client();
    await portalClient.signIn({ login: ana.email, password: ana.password, scope: 'user' });
    let endedByOffice = false;
    portalClient.on('endedByOffice', () => (endedByOffice = true));
    const ended = once(portalClient, 'session');
    await portalClient.signOut();
    expect(await ended).toEqual([null]);
    expect(endedByOffice).toBe(false);
  });

  describe('an elevated session the office ends for idleness', () => {
    beforeAll(async () => {
      const answer = await office.request('PATCH', '/admin/company', {
        token: await office.adminToken(),
        body: { security: { adminIdleTimeoutMinutes: 1 } },
      });
      expect(answer.status).toBe(200);
    });

    /** An administrator signed in, then idle past the limit and the access token's life. */
    async function idleAdmin() {
      const portalClient = client();
      await portalClient.signIn({ login: ADMIN_EMAIL, password: ADMIN_PASSWORD, scope: 'admin' });
      const sessions: unknown[] = [];
      portalClient.on('session', (session) => sessions.push(session));
      office.advance(11 * 60_000);
      return { portalClient, sessions };
    }

    it('waits for the password as the admin it was, without tokens, instead of signing out', async () => {
      const { portalClient, sessions } = await idleAdmin();
      // The access token expired, so PortalClient asks to refresh; the office refuses.
      await expect(portalClient.call(admin.requests.listUsers.rest, {})).rejects.toMatchObject({
        code: 'session_expired',
      });
      expect(sessions).toEqual([]);
      expect(portalClient.session).toMatchObject({ scope: 'admin', user: { email: ADMIN_EMAIL } });
      expect(portalClient.locked).toBe(true);
      // Nothing is sent any more: every request, even a stream, fails the same way at once.
      await expect(portalClient.call(portal.requests.me.rest, {})).rejects.toMatchObject({
        code: 'session_expired',
      });
      await expect(portalClient.open('/me/events')).rejects.toMatchObject({ code: 'session_expired' });
      expect(() => portalClient.useOffice(office.baseUrl)).toThrow(/Sign out/);

      const again = await portalClient.signIn({
        login: ADMIN_EMAIL,
        password: ADMIN_PASSWORD,
        scope: 'admin',
      });
      const { staySignedIn, ...session } = again;
      expect(session).toMatchObject({ scope: 'admin', user: { email: ADMIN_EMAIL } });
      expect(staySignedIn).toBe('not-asked');
      expect(sessions).toEqual([session]);
      expect(portalClient.locked).toBe(false);
      const users = await portalClient.call<{ items: { email: string }[] }>(admin.requests.listUsers.rest, {
        query: { search: 'Ana' },
      });
      expect(users.items.map((u) => u.email)).toEqual([ana.email]);
    });

    it('locks too when the access token still holds but the session went idle', async () => {
      const portalClient = client();
      await portalClient.signIn({ login: ADMIN_EMAIL, password: ADMIN_PASSWORD, scope: 'admin' });
      office.advance(2 * 60_000);
      await expect(portalClient.call(admin.requests.listUsers.rest, {})).rejects.toMatchObject({
        code: 'session_expired',
      });
      expect(portalClient.locked).toBe(true);
      expect(portalClient.session?.scope).toBe('admin');
    });

    it('lets another login in only as a fresh session of their own', async () => {
      const { portalClient, sessions } = await idleAdmin();
      await expect(portalClient.call(admin.requests.listUsers.rest, {})).rejects.toMatchObject({
        code: 'session_expired',
      });
      const other = await portalClient.signIn({ login: ana.email, password: ana.password, scope: 'user' });
      expect(other.user.email).toBe(ana.email);
      const { staySignedIn, ...otherSession } = other;
      expect(staySignedIn).toBe('not-asked');
      expect(sessions).toEqual([otherSession]);
      await expect(portalClient.call(admin.requests.listUsers.rest, {})).rejects.toMatchObject({
        code: 'forbidden',
      });
    });

    it('signs out when it is signed out', async () => {
      const { portalClient, sessions } = await idleAdmin();
      await expect(portalClient.call(admin.requests.listUsers.rest, {})).rejects.toMatchObject({
        code: 'session_expired',
      });
      await portalClient.signOut();
      expect(sessions).toEqual([null]);
      expect(portalClient.locked).toBe(false);
      await expect(portalClient.call(portal.requests.me.rest, {})).rejects.toMatchObject({
        code: 'not_signed_in',
      });
    });
  });

  it('turns an unreachable office into an offline state and back', async () => {
    const proxy = new TcpProxy(Number(new URL(office.baseUrl).port));
    const port = await proxy.open();
    const portalClient = new PortalClient(`http://127.0.0.1:${port}`, vault);
    await portalClient.signIn({ login: ana.email, password: ana.password, scope: 'user' });
    await proxy.close();
    const offline = once(portalClient, 'connection');
    await expect(portalClient.call(portal.requests.me.rest, {})).rejects.toMatchObject({ code: 'offline' });
    expect(await offline).toEqual(['offline']);
    expect(portalClient.session).not.toBeNull();
    await proxy.open();
    const online = once(portalClient, 'connection');
    expect((await portalClient.call<{ email: string }>(portal.requests.me.rest, {})).email).toBe(ana.email);
    expect(await online).toEqual(['online']);
    await proxy.close();
  });
});
