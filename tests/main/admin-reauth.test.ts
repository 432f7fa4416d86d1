// An elevated session the office ends for idleness, through the app's services and a real office:
// main keeps who was signed in (no sign-out reaches the renderer), admin channels answer
// `session_expired` until the same admin signs in again, and their softphone keeps running.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Static } from 'typebox';
import type { Session } from '../../common/ipc/domains/auth';
import { startTestApp, type TestApp } from '../support/app-services';
import { useSipOffice } from '../support/sip-office';

describe('an administrator idle past the company’s limit', () => {
  const sipOffice = useSipOffice();
  let app: TestApp;

  beforeAll(async () => {
    const { office } = sipOffice;
    const patched = await office.request('PATCH', '/admin/company', {
      token: await office.adminToken(),
      body: { security: { adminIdleTimeoutMinutes: 1 } },
    });
    expect(patched.status).toBe(200);
    app = await startTestApp(office.baseUrl);
  });
  afterAll(() => app?.stop());

  it('is asked for the password again, not signed out, and carries on with the same softphone', async () => {
    const { office } = sipOffice;
    const ada = await office.createSignedInUser(await office.adminToken(), 'Ada Admin', { role: 'admin' });
    const sessions: (Static<typeof Session> | null)[] = [];
    const registrations: string[] = [];
    app.router.listen('auth', 'sessionChanged', (session) => sessions.push(session));
    app.router.listen('registration', 'stateChanged', (state) => registrations.push(state.state));
    const signIn = () =>
      app.router.invoke('auth', 'signIn', { login: ada.email, password: ada.password, scope: 'admin' });

    expect((await signIn()).ok).toBe(true);
    await expect.poll(() => registrations, { timeout: 10_000 }).toContain('registered');
    const listUsers = () => app.router.invoke('admin', 'listUsers', { query: {} });
    expect((await listUsers()).ok).toBe(true);

    // Past the access token's life and the admin idle limit: the office refuses the refresh.
    office.advance(11 * 60_000);
    expect(await listUsers()).toMatchObject({ ok: false, error: { code: 'session_expired' } });
    expect(await listUsers()).toMatchObject({ ok: false, error: { code: 'session_expired' } });
    expect(sessions).toHaveLength(1);
    expect(await app.router.invoke('auth', 'session', {})).toMatchObject({
      ok: true,
      value: { scope: 'admin', user: { id: ada.id } },
    });

    const registeredBefore = [...registrations];
    expect((await signIn()).ok).toBe(true);
    expect(await listUsers()).toMatchObject({ ok: true, value: { items: expect.any(Array) } });
    expect(sessions.map((session) => session?.user.id)).toEqual([ada.id, ada.id]);
    // A softphone started afresh would be stopped first: not registered now, and its stop published.
    expect(await app.router.invoke('registration', 'state', {})).toMatchObject({
      ok: true,
      value: { state: 'registered' },
    });
    expect(registrations).toEqual(registeredBefore);
  }, 30_000);
});
