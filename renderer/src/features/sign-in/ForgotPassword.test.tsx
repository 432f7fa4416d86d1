import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ok, renderWithApp } from '../../test-support/render';
import { SignIn } from './SignIn';

afterEach(cleanup);

const policy = {
  'auth:password-policy': () => ok({ minLength: 10 }),
  'auth:sign-in-options': () => ok({ country: '' }),
  'app:info': () =>
    ok({ version: '1', host: 'browser', office: { mode: 'remote', url: 'https://pbx.example.com' } }),
};
const accepted = { 'auth:recover-password': () => ok({ message: 'If the account exists, a code was sent' }) };

async function openRecovery(answers: Parameters<typeof renderWithApp>[1], login = '') {
  const view = await renderWithApp(<SignIn initialLogin={login} onSignedIn={vi.fn()} />, answers);
  await userEvent.click(screen.getByRole('button', { name: 'Forgot password?' }));
  return view;
}

async function askForCode() {
  await userEvent.click(screen.getByRole('button', { name: 'Send me a code' }));
  await screen.findByLabelText('Code from the mail');
}

describe('Forgot password', () => {
  it('asks by extension, takes the code and a new password, then goes back to sign in', async () => {
    const view = await openRecovery(
      { ...policy, ...accepted, 'auth:confirm-recovery': () => ok(null) },
      '101',
    );
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Password recovery' }));
    expect(screen.getByLabelText('Extension or email')).toHaveProperty('value', '101');
    await askForCode();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Password recovery' }));
    await userEvent.type(screen.getByLabelText('Code from the mail'), 'AB12 CD34');
    await userEvent.type(await screen.findByLabelText('New password'), 'Quiet-101-harbor');
    expect(screen.getByText('Not your name, email or extension').closest('li')!.className).toBe('unmet');
    await userEvent.clear(screen.getByLabelText('New password'));
    await userEvent.type(screen.getByLabelText('New password'), 'Quiet-harbor-77');
    await userEvent.type(screen.getByLabelText('Confirm password'), 'Quiet-harbor-77');
    await userEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      'Your password is changed. Sign in with your new password.',
    );
    expect(
      view.calls.filter(([channel]) => channel !== 'app:info' && channel !== 'auth:sign-in-options'),
    ).toEqual([
      ['auth:password-policy', {}],
      ['auth:recover-password', { body: { login: '101' } }],
      ['auth:confirm-recovery', { body: { code: 'AB12CD34', newPassword: 'Quiet-harbor-77' } }],
    ]);
    await userEvent.click(screen.getByRole('button', { name: 'Back to sign in' }));
    expect(screen.getByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByLabelText('Extension, email or phone number')).toHaveProperty('value', '101');
  });

  it('goes straight to the code for someone who already has one, asking the office nothing', async () => {
    const view = await openRecovery({ ...policy, ...accepted });
    await userEvent.click(screen.getByRole('button', { name: 'I have a code' }));
    expect(await screen.findByLabelText('Code from the mail')).toHaveProperty('value', '');
    expect(view.calls.map(([channel]) => channel)).not.toContain('auth:recover-password');
  });

  it('opens on the code a mail’s link brought, filled in', async () => {
    await renderWithApp(<SignIn initialLogin="" recoveryCode="K7Q2M9XW3PLA" onSignedIn={vi.fn()} />, {
      ...policy,
      'auth:confirm-recovery': () => ok(null),
    });
    expect(await screen.findByLabelText('Code from the mail')).toHaveProperty('value', 'K7Q2M9XW3PLA');
    expect(screen.getByRole('heading', { name: 'Password recovery' })).toBeTruthy();
  });

  it('explains a wrong or expired code, and a common password', async () => {
    let answer: { code: string } = { code: 'invalid_code' };
    await openRecovery(
      {
        ...policy,
        ...accepted,
        'auth:confirm-recovery': () => ({ ok: false, error: { code: answer.code as never, message: 'raw' } }),
      },
      'ada@example.com',
    );
    await askForCode();
    await userEvent.type(screen.getByLabelText('Code from the mail'), 'WRONG1');
    await userEvent.type(await screen.findByLabelText('New password'), 'Password123');
    await userEvent.type(screen.getByLabelText('Confirm password'), 'Password123');
    await userEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/not right, or it has expired/);
    expect(screen.getByLabelText('Code from the mail').getAttribute('aria-invalid')).toBe('true');
    answer = { code: 'password_common' };
    await userEvent.click(screen.getByRole('button', { name: 'Set new password' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/too common/);
    expect(screen.getByLabelText('New password').getAttribute('aria-invalid')).toBe('true');
  });

  it('says when the office cannot be reached, and goes back without losing the login', async () => {
    await openRecovery({
      ...policy,
      'auth:recover-password': () => ({ ok: false, error: { code: 'offline', message: 'x' } }),
    });
    await userEvent.type(screen.getByLabelText('Extension or email'), 'ada@example.com');
    await userEvent.click(screen.getByRole('button', { name: 'Send me a code' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/cannot be reached/);
    await userEvent.click(screen.getByRole('button', { name: 'Back to sign in' }));
    expect(screen.getByLabelText('Extension, email or phone number')).toHaveProperty(
      'value',
      'ada@example.com',
    );
  });

  it('says when too many codes were asked for', async () => {
    await openRecovery(
      {
        ...policy,
        'auth:recover-password': () => ({ ok: false, error: { code: 'too_many_requests', message: 'x' } }),
      },
      '101',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Send me a code' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Too many attempts/);
  });

  it('speaks French', async () => {
    await renderWithApp(<SignIn initialLogin="" onSignedIn={vi.fn()} />, policy, 'fr');
    await userEvent.click(screen.getByRole('button', { name: 'Mot de passe oublié ?' }));
    expect(screen.getByRole('heading').textContent).toBe('Récupération du mot de passe');
  });
});
