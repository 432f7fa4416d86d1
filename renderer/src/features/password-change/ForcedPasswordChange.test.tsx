import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ok, renderWithApp } from '../../test-support/render';
import { ForcedPasswordChange } from './ForcedPasswordChange';

afterEach(cleanup);

const session = {
  user: {
    id: 'u1',
    name: 'Ada Lovelace',
    email: 'ada.king@example.com',
    role: 'user' as const,
    extension: '101',
  },
  scope: 'user' as const,
  mustChangePassword: true,
};
const policy = { 'auth:password-policy': () => ok({ minLength: 12 }) };
const rule = (text: string) => screen.getByText(text).closest('li')!;
const submit = () => screen.getByRole('button', { name: 'Change password' });

async function fill(current: string, password: string, confirmation = password) {
  await userEvent.type(screen.getByLabelText('Temporary password'), current);
  await userEvent.type(await screen.findByLabelText('New password'), password);
  await userEvent.type(screen.getByLabelText('Confirm password'), confirmation);
}

describe('ForcedPasswordChange', () => {
  it('focuses its heading and shows the rules loading', async () => {
    await renderWithApp(<ForcedPasswordChange session={session} />, {
      'auth:password-policy': () => new Promise(() => undefined),
    });
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'Choose your own password' }));
    expect(screen.getByRole('status', { name: 'Loading the password rules' }).getAttribute('aria-busy')).toBe(
      'true',
    );
    expect(submit()).toHaveProperty('disabled', true);
  });

  it('checks the policy as the person types', async () => {
    await renderWithApp(<ForcedPasswordChange session={session} />, policy);
    const field = await screen.findByLabelText('New password');
    expect(rule('At least 12 characters').className).toBe('');
    await userEvent.type(field, 'ada');
    expect(rule('At least 12 characters').className).toBe('unmet');
    expect(rule('Letters and digits').className).toBe('unmet');
    expect(rule('Not your name, email or extension').className).toBe('unmet');
    expect(within(rule('Letters and digits')).getByText('(not yet)')).toBeTruthy();
    await userEvent.clear(field);
    await userEvent.type(field, 'Quiet-harbor-77');
    expect(rule('At least 12 characters').className).toBe('met');
    expect(rule('Letters and digits').className).toBe('met');
    expect(rule('Not your name, email or extension').className).toBe('met');
    expect(rule('The same password typed twice').className).toBe('unmet');
    await userEvent.type(screen.getByLabelText('Confirm password'), 'Quiet-harbor-7');
    expect(screen.getByLabelText('Confirm password').getAttribute('aria-invalid')).toBe('true');
    await userEvent.type(screen.getByLabelText('Confirm password'), '7');
    expect(rule('The same password typed twice').className).toBe('met');
  });

  it('changes the password once every rule is met, and says so', async () => {
    const view = await renderWithApp(<ForcedPasswordChange session={session} />, {
      ...policy,
      'auth:change-password': () => ok(null),
    });
    await fill('Temp-Pass-1234', 'Quiet-harbor-77', 'Quiet-harbor-7');
    expect(submit()).toHaveProperty('disabled', true);
    await userEvent.type(screen.getByLabelText('Confirm password'), '7');
    await userEvent.click(submit());
    expect(await screen.findByRole('status')).toHaveProperty(
      'textContent',
      'Your password is changed. Opening Switchboard…',
    );
    expect(view.calls.at(-1)).toEqual([
      'auth:change-password',
      { body: { currentPassword: 'Temp-Pass-1234', newPassword: 'Quiet-harbor-77' } },
    ]);
  });

  it.each([
    ['password_common', /too common/, 'New password'],
    ['password_reused', /the password you have now/, 'New password'],
    ['invalid_credentials', /temporary password is not right/, 'Temporary password'],
    ['offline', /cannot be reached/, null],
  ])('explains %s from the office and marks the field', async (code, sentence, field) => {
    await renderWithApp(<ForcedPasswordChange session={session} />, {
      ...policy,
      'auth:change-password': () => ({ ok: false, error: { code: code as never, message: 'raw' } }),
    });
    await fill('Temp-Pass-1234', 'Quiet-harbor-77');
    await userEvent.click(submit());
    expect((await screen.findByRole('alert')).textContent).toMatch(sentence);
    if (field) expect(screen.getByLabelText(field).getAttribute('aria-invalid')).toBe('true');
  });

  it('says when the rules cannot be loaded, and tries again', async () => {
    let attempts = 0;
    await renderWithApp(<ForcedPasswordChange session={session} />, {
      'auth:password-policy': () =>
        ++attempts === 1 ? { ok: false, error: { code: 'offline', message: 'x' } } : ok({ minLength: 10 }),
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(
      /The password rules could not be loaded\. The office server cannot be reached/,
    );
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('At least 10 characters')).toBeTruthy();
  });

  it('lets the person sign out instead', async () => {
    const view = await renderWithApp(<ForcedPasswordChange session={session} />, {
      ...policy,
      'auth:sign-out': () => ok(null),
    });
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(view.calls.at(-1)).toEqual(['auth:sign-out', {}]);
  });

  it('speaks Spanish', async () => {
    await renderWithApp(<ForcedPasswordChange session={session} />, policy, 'es');
    expect(screen.getByRole('heading').textContent).toBe('Elija su propia contraseña');
    expect(await screen.findByText('Al menos 12 caracteres')).toBeTruthy();
  });
});
