import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../common/ipc/domains/settings';
import { App } from './App';
import { PLAIN_PREFERENCES } from '../test-support/fixtures';
import { ok, renderWithApp, type ChannelAnswers } from '../test-support/render';
import { company, failure, user } from '../features/admin/test-support/fixtures';

afterEach(cleanup);

const session = {
  user: { id: 'u1', name: 'Ada Lovelace', email: 'ada@example.com', role: 'admin', extension: '101' },
  scope: 'admin',
  mustChangePassword: false,
};

function answers(overrides: ChannelAnswers = {}): ChannelAnswers {
  return {
    'settings:get': () => ok({ ...DEFAULT_SETTINGS, lastLogin: '101' }),
    'app:first-run-admin': () => ok(null),
    'app:take-link': () => ok(null),
    'auth:password-policy': () => ok({ minLength: 10 }),
    'auth:sign-in-options': () => ok({ country: '' }),
    'auth:resume': () => ok(null),
    'auth:sign-out': () => ok(null),
    'calls:list': () => ok([]),
    'calls:link-to-confirm': () => ok(null),
    'app:info': () =>
      ok({ version: '1', host: 'browser', office: { mode: 'embedded', url: 'http://127.0.0.1:8080' } }),
    'registration:state': () => ok({ state: 'registered', reason: null, retryInSeconds: null }),
    'voicemail:list': () => ok({ items: [], unread: 0 }),
    'portal:call-log': () => ok({ items: [], nextCursor: null }),
    // The header's do-not-disturb asks the office once the shell is up.
    'portal:preferences': () => ok(PLAIN_PREFERENCES),
    // The phone screen shows a conference one is in.
    'portal:conferences': () => ok({ items: [] }),
    'voicemail:sync-state': () => ok({ connection: 'online', pending: [], syncedAt: null }),
    ...overrides,
  };
}

describe('App', () => {
  it('shows a loading skeleton, then sign-in with the last login filled in', async () => {
    await renderWithApp(<App />, answers());
    expect(screen.getByLabelText('Loading Switchboard').getAttribute('aria-busy')).toBe('true');
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByLabelText('Extension, email or phone number')).toHaveProperty('value', '101');
    expect(document.title).toBe('Switchboard');
  });

  it('shows the first-run screen before anything else, then sign-in with the owner email', async () => {
    await renderWithApp(
      <App />,
      answers({
        'app:first-run-admin': () => ok({ email: 'owner@example.com', temporaryPassword: 'Tq7-vX2m-9KpL' }),
        'app:set-up-office': () => ok(null),
      }),
    );
    await userEvent.type(await screen.findByLabelText('Company name'), 'Acme');
    await userEvent.click(screen.getByRole('button', { name: 'Continue to sign in' }));
    expect(screen.getByLabelText('Extension, email or phone number')).toHaveProperty(
      'value',
      'owner@example.com',
    );
  });

  it('resumes a remembered session, and returns to sign-in when the session ends elsewhere', async () => {
    const view = await renderWithApp(<App />, answers({ 'auth:resume': () => ok(session) }));
    expect(await screen.findByRole('heading', { name: 'Phone' })).toBeTruthy();
    expect(screen.getByText('Administrator session')).toBeTruthy();
    act(() => view.emit('auth:session-changed', null));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByLabelText('Extension, email or phone number')).toHaveProperty(
      'value',
      'ada@example.com',
    );
  });

  it('says on sign-in why the office ended the session, until the next try', async () => {
    const view = await renderWithApp(
      <App />,
      answers({
        'auth:resume': () => ok({ ...session, scope: 'user' }),
        'auth:sign-in': () => failure('invalid_credentials'),
      }),
    );
    await screen.findByRole('heading', { name: 'Phone' });
    act(() => {
      view.emit('auth:session-changed', null);
      view.emit('auth:ended-by-office', { reason: 'sign-in-turned-off' });
    });
    // The real reason, not "idle".
    expect(await screen.findByRole('status')).toHaveProperty(
      'textContent',
      'An administrator turned off sign-in to the app for your account, so you were signed out and your softphone stopped. Ask an administrator to turn it back on.',
    );
    await userEvent.type(screen.getByLabelText('Password'), 'wrong-password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.queryByText(/turned off sign-in/)).toBeNull();
  });

  it.each([
    ['idle', 'You were signed out after a time without activity. Sign in again.'],
    [null, 'The office ended your session. Sign in again.'],
  ] as const)('words a session ended for %s', async (reason, words) => {
    const view = await renderWithApp(
      <App />,
      answers({ 'auth:resume': () => ok({ ...session, scope: 'user' }) }),
    );
    await screen.findByRole('heading', { name: 'Phone' });
    act(() => {
      view.emit('auth:session-changed', null);
      view.emit('auth:ended-by-office', { reason });
    });
    expect(await screen.findByRole('status')).toHaveProperty('textContent', words);
  });

  it('signs in where no keyring can keep the session, says so once, and unticks the box', async () => {
    const person = { ...session, scope: 'user' };
    const view = await renderWithApp(
      <App />,
      answers({ 'auth:sign-in': () => ok({ ...person, staySignedIn: 'not-possible' }) }),
    );
    await screen.findByRole('heading', { name: 'Sign in' });
    expect(screen.getByLabelText('Keep me signed in on this computer')).toHaveProperty('checked', true);
    await userEvent.type(screen.getByLabelText('Password'), 'Secret-Pass-42');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    await screen.findByRole('heading', { name: 'Phone' });
    const notice = screen.getByText(/cannot keep you signed in/);
    expect(notice.closest('[role="status"]')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/cannot keep you signed in/)).toBeNull();

    act(() => view.emit('auth:session-changed', null));
    await screen.findByRole('heading', { name: 'Sign in' });
    expect(screen.getByLabelText('Keep me signed in on this computer')).toHaveProperty('checked', false);
  });

  it('opens password recovery with the code of a switchboard: link, at launch or later', async () => {
    let waiting: unknown = { screen: 'recover', code: 'K7Q2M9XW3PLA' };
    const take = () => {
      const link = waiting;
      waiting = null;
      return ok(link);
    };
    const view = await renderWithApp(<App />, answers({ 'app:take-link': take }));
    expect(await screen.findByRole('heading', { name: 'Password recovery' })).toBeTruthy();
    expect(screen.getByLabelText('Code from the mail')).toHaveProperty('value', 'K7Q2M9XW3PLA');

    // A sign-in link brings sign-in back; another recovery link opens afresh with its code.
    waiting = { screen: 'sign-in' };
    act(() => view.emit('app:link-opened', {}));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    waiting = { screen: 'recover', code: 'ZZZZ9999YYYY' };
    act(() => view.emit('app:link-opened', {}));
    await waitFor(() =>
      expect(screen.getByLabelText('Code from the mail')).toHaveProperty('value', 'ZZZZ9999YYYY'),
    );
  });

  it('lets a recovery link go while someone is signed in', async () => {
    const view = await renderWithApp(
      <App />,
      answers({
        'auth:resume': () => ok(session),
        'app:take-link': () => ok({ screen: 'recover', code: 'K7Q2M9XW3PLA' }),
      }),
    );
    await screen.findByRole('heading', { name: 'Phone' });
    act(() => view.emit('app:link-opened', {}));
    act(() => view.emit('auth:session-changed', null));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
  });

  it('starts with the box as the settings keep it', async () => {
    await renderWithApp(
      <App />,
      answers({ 'settings:get': () => ok({ ...DEFAULT_SETTINGS, lastLogin: '101', staySignedIn: false }) }),
    );
    await screen.findByRole('heading', { name: 'Sign in' });
    expect(screen.getByLabelText('Keep me signed in on this computer')).toHaveProperty('checked', false);
  });

  it('applies a language and theme chosen in the settings at once', async () => {
    const view = await renderWithApp(<App />, answers({ 'auth:resume': () => ok(session) }));
    await screen.findByRole('heading', { name: 'Phone' });
    act(() => view.emit('settings:changed', { ...DEFAULT_SETTINGS, language: 'es', theme: 'dark' }));
    expect(await screen.findByRole('heading', { name: 'Teléfono' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('es');
    expect(document.documentElement.dataset.theme).toBe('dark');
    act(() => view.emit('settings:changed', { ...DEFAULT_SETTINGS, language: 'fr', theme: 'light' }));
    expect(await screen.findByRole('heading', { name: 'Téléphone' })).toBeTruthy();
    expect(document.documentElement.dataset.theme).toBe('light');
  });

  describe('when the office ends the elevated session (idle limit)', () => {
    /** Main's answers: the session is locked until the sign-in, which re-announces the session first. */
    function lockedAdmin(signedInAgain: typeof session) {
      const state = { alive: true, emit: (_event: string, _payload: unknown) => {} };
      const table = answers({
        'auth:resume': () => ok(session),
        'admin:list-users': () => ok({ items: [user({ id: 'ada', name: 'Ada Byron' })], nextCursor: null }),
        'admin:list-user-groups': () => ok({ items: [] }),
        'admin:list-settings-templates': () => ok({ items: [] }),
        'admin:company': () => ok(company),
        'admin:create-user': (payload) =>
          state.alive
            ? ok(user({ id: 'grace', name: (payload as { body: { name: string } }).body.name }))
            : failure('session_expired'),
        'auth:sign-in': () => {
          state.alive = true;
          act(() => state.emit('auth:session-changed', signedInAgain));
          return ok(signedInAgain);
        },
      });
      return { state, table };
    }

    async function halfTypedUser(state: ReturnType<typeof lockedAdmin>['state'], table: ChannelAnswers) {
      const view = await renderWithApp(<App />, table);
      state.emit = view.emit;
      await userEvent.click(await screen.findByRole('button', { name: 'Admin' }));
      // The admin console's code loads on first use (a chunk of its own): the first time takes a while.
      await userEvent.click(await screen.findByRole('button', { name: 'Add user' }, { timeout: 10_000 }));
      const form = await screen.findByRole('dialog', { name: 'Add user' });
      await userEvent.type(within(form).getByLabelText('Name'), 'Grace Hopper');
      await userEvent.type(within(form).getByLabelText('Email'), 'grace@example.com');
      state.alive = false;
      await userEvent.click(within(form).getByRole('button', { name: 'Add user' }));
      const reauth = await screen.findByRole('dialog', { name: 'Your administrator session ended' });
      await userEvent.type(within(reauth).getByLabelText('Password'), 'Right-Pass-42');
      await userEvent.click(within(reauth).getByRole('button', { name: 'Sign in and continue' }));
      return { view, form };
    }

    it('asks for the password over the console, keeps the half-typed form, and retries the request', async () => {
      const { state, table } = lockedAdmin({ ...session });
      const { view } = await halfTypedUser(state, table);
      expect(await screen.findByText(/Grace Hopper was added/, { selector: '[role=status]' })).toBeTruthy();
      const creates = view.calls.filter(([channel]) => channel === 'admin:create-user');
      expect(creates).toHaveLength(2);
      expect(creates[1]![1]).toEqual(creates[0]![1]);
      expect(screen.queryByRole('heading', { name: 'Sign in' })).toBeNull();
      expect(screen.getByRole('heading', { name: 'Admin' })).toBeTruthy();
    });

    it('gives another person signing in a fresh console and retries nothing of the first admin’s', async () => {
      const other = {
        ...session,
        user: { ...session.user, id: 'u2', name: 'Eve Other', email: 'eve@example.com' },
      };
      const { state, table } = lockedAdmin(other);
      const { view, form } = await halfTypedUser(state, table);
      await waitFor(() => expect(form.isConnected).toBe(false));
      expect(view.calls.filter(([channel]) => channel === 'admin:create-user')).toHaveLength(1);
      expect(screen.getByText('Eve Other')).toBeTruthy();
      // A fresh shell: the phone screen, no admin form, nothing typed by the first admin.
      expect(screen.getByRole('heading', { name: 'Phone' })).toBeTruthy();
      expect(screen.queryByDisplayValue('Grace Hopper')).toBeNull();
    });
  });
});
