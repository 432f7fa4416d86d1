import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignIn } from './SignIn';
import { ok, renderWithApp } from '../../test-support/render';

afterEach(cleanup);

const session = {
  user: { id: 'u1', name: 'Ada Lovelace', email: 'ada@example.com', role: 'user', extension: '101' },
  scope: 'user',
  mustChangePassword: false,
};

const office = {
  'app:info': () =>
    ok({ version: '1', host: 'browser', office: { mode: 'embedded', url: 'http://127.0.0.1:8080' } }),
  // An office from before company countries: no country is preselected.
  'auth:sign-in-options': () => ok({ country: '' }),
};
const signIns = (calls: [string, unknown][]) => calls.filter(([channel]) => channel === 'auth:sign-in');

describe('SignIn', () => {
  it('signs in with the typed login, password and choices', async () => {
    const onSignedIn = vi.fn();
    const view = await renderWithApp(<SignIn initialLogin="101" onSignedIn={onSignedIn} />, {
      ...office,
      'auth:sign-in': () => ok(session),
    });
    expect(screen.getByLabelText('Extension, email or phone number')).toHaveProperty('value', '101');
    await userEvent.type(screen.getByLabelText('Password'), 'Secret-Pass-42');
    await userEvent.click(screen.getByLabelText('Sign in as administrator'));
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(session));
    expect(signIns(view.calls)).toEqual([
      ['auth:sign-in', { login: '101', password: 'Secret-Pass-42', scope: 'admin', remember: false }],
    ]);
  });

  it('remembers a plain sign-in when asked, and never an elevated one', async () => {
    const view = await renderWithApp(<SignIn initialLogin="101" onSignedIn={() => undefined} />, {
      ...office,
      'auth:sign-in': () => ok(session),
    });
    const remember = screen.getByLabelText('Keep me signed in on this computer');
    expect(remember).toHaveProperty('checked', true);
    await userEvent.click(screen.getByLabelText('Sign in as administrator'));
    expect(remember).toHaveProperty('disabled', true);
    expect(remember).toHaveProperty('checked', false);
    expect(screen.getByText(/never kept/)).toBeTruthy();
    await userEvent.click(screen.getByLabelText('Sign in as administrator'));
    await userEvent.type(screen.getByLabelText('Password'), 'Secret-Pass-42');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(signIns(view.calls)).toHaveLength(1));
    expect(signIns(view.calls)[0]![1]).toMatchObject({ scope: 'user', remember: true });
  });

  it.each([
    ['invalid_credentials', 'The extension or email and password do not match. Check them and try again.'],
    [
      'account_locked',
      'Too many failed attempts. Wait a few minutes, or ask an administrator to unlock your account.',
    ],
    [
      'portal_access_disabled',
      'Sign-in to the app is turned off for your account. Ask an administrator to turn it on.',
    ],
    ['offline', 'The office server cannot be reached. Check your network; Switchboard keeps trying.'],
    ['internal_error', 'Something went wrong. Try again; if it keeps happening, tell your administrator.'],
  ])('explains %s in words and clears the password', async (code, sentence) => {
    const onSignedIn = vi.fn();
    await renderWithApp(<SignIn initialLogin="" onSignedIn={onSignedIn} />, {
      ...office,
      'auth:sign-in': () => ({ ok: false, error: { code: code as never, message: 'raw server text' } }),
    });
    await userEvent.type(screen.getByLabelText('Extension, email or phone number'), 'ada@example.com');
    await userEvent.type(screen.getByLabelText('Password'), 'wrong-password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe(sentence);
    expect(screen.queryByText('raw server text')).toBeNull();
    expect(screen.getByLabelText('Password')).toHaveProperty('value', '');
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('shows that it is busy while the office answers', async () => {
    let answer!: (value: unknown) => void;
    await renderWithApp(<SignIn initialLogin="101" onSignedIn={() => undefined} />, {
      ...office,
      'auth:sign-in': () => new Promise((resolve) => (answer = () => resolve(ok(session)))),
    });
    await userEvent.type(screen.getByLabelText('Password'), 'Secret-Pass-42');
    await userEvent.keyboard('{Enter}');
    const busy = await screen.findByRole('button', { name: 'Signing in…' });
    expect(busy).toHaveProperty('disabled', true);
    answer(undefined);
    await screen.findByRole('button', { name: 'Sign in' });
  });

  it('preselects the company’s country for a national phone number, and keeps the person’s pick', async () => {
    const view = await renderWithApp(<SignIn initialLogin="" onSignedIn={() => undefined} />, {
      ...office,
      'auth:sign-in-options': () => ok({ country: 'ES' }),
      'auth:sign-in': () => ok(session),
    });
    const picker = screen.getByLabelText('Country of the phone number') as HTMLSelectElement;
    await waitFor(() => expect(picker.value).toBe('ES'));
    expect(picker.selectedOptions[0]!.textContent).toBe('🇪🇸 Spain (+34)');
    await userEvent.type(screen.getByLabelText('Extension, email or phone number'), '910 000 001');
    await userEvent.type(screen.getByLabelText('Password'), 'Secret-Pass-42');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(signIns(view.calls)).toHaveLength(1));
    expect(signIns(view.calls)[0]![1]).toMatchObject({ login: '910 000 001', country: 'ES' });

    await userEvent.selectOptions(picker, 'FR');
    expect(picker.selectedOptions[0]!.textContent).toBe('🇫🇷 France (+33)');
    await userEvent.type(screen.getByLabelText('Password'), 'Secret-Pass-42');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(signIns(view.calls)).toHaveLength(2));
    expect(signIns(view.calls)[1]![1]).toMatchObject({ country: 'FR' });
  });

  it('speaks Spanish', async () => {
    await renderWithApp(<SignIn initialLogin="" onSignedIn={() => undefined} />, office, 'es');
    expect(screen.getByRole('heading').textContent).toBe('Iniciar sesión');
    expect(screen.getByLabelText('Extensión, correo electrónico o número de teléfono')).toBeTruthy();
    const picker = screen.getByLabelText('País del número de teléfono') as HTMLSelectElement;
    expect([...picker.options].find((option) => option.value === 'ES')?.textContent).toBe('🇪🇸 España (+34)');
  });
});
