import { act, cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../common/ipc/domains/settings';
import { App } from './App';
import { ok, renderWithApp, type ChannelAnswers } from '../test-support/render';

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
    'auth:resume': () => ok(null),
    'auth:sign-out': () => ok(null),
    'calls:list': () => ok([]),
    'app:info': () =>
      ok({ version: '1', host: 'browser', office: { mode: 'embedded', url: 'http://127.0.0.1:8080' } }),
    'registration:state': () => ok({ state: 'registered', reason: null, retryInSeconds: null }),
    'voicemail:list': () => ok({ items: [], unread: 0 }),
    'voicemail:sync-state': () => ok({ connection: 'online', pending: [], syncedAt: null }),
    ...overrides,
  };
}

describe('App', () => {
  it('shows a loading skeleton, then sign-in with the last login filled in', async () => {
    await renderWithApp(<App />, answers());
    expect(screen.getByLabelText('Loading Switchboard').getAttribute('aria-busy')).toBe('true');
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByLabelText('Extension or email')).toHaveProperty('value', '101');
    expect(document.title).toBe('Switchboard');
  });

  it('shows the first-run screen before anything else, then sign-in with the owner email', async () => {
    await renderWithApp(
      <App />,
      answers({
        'app:first-run-admin': () => ok({ email: 'owner@example.com', temporaryPassword: 'Tq7-vX2m-9KpL' }),
      }),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Continue to sign in' }));
    expect(screen.getByLabelText('Extension or email')).toHaveProperty('value', 'owner@example.com');
  });

  it('resumes a remembered session, and returns to sign-in when the session ends elsewhere', async () => {
    const view = await renderWithApp(<App />, answers({ 'auth:resume': () => ok(session) }));
    expect(await screen.findByRole('heading', { name: 'Phone' })).toBeTruthy();
    expect(screen.getByText('Administrator session')).toBeTruthy();
    act(() => view.emit('auth:session-changed', null));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByLabelText('Extension or email')).toHaveProperty('value', 'ada@example.com');
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
});
