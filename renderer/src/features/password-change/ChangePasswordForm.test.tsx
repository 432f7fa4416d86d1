import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { failure } from '../admin/test-support/fixtures';
import { ok, renderWithApp } from '../../test-support/render';
import { ChangePasswordForm } from './ChangePasswordForm';

afterEach(cleanup);

const lucia = {
  id: 'u1',
  name: 'Lucía García-Pérez',
  email: 'lucia.garcia-perez.ventas@ejemplo-oficina.es',
  role: 'user' as const,
  extension: '104',
};
const policy = { 'auth:password-policy': () => ok({ minLength: 12 }) };

describe('ChangePasswordForm', () => {
  it('changes the password once the policy is met and the new one typed twice, and says the rest signed out', async () => {
    const view = await renderWithApp(<ChangePasswordForm user={lucia} />, {
      ...policy,
      'auth:change-password': () => ok(null),
    });
    await userEvent.type(screen.getByLabelText('Current password'), 'Old-harbour-11');
    const submit = screen.getByRole('button', { name: 'Change password' });
    await userEvent.type(await screen.findByLabelText('New password'), 'garcia-2025-x');
    // Her name is not allowed in it.
    expect(screen.getByText('Not your name, email or extension').closest('li')!.className).toBe('unmet');
    await userEvent.clear(screen.getByLabelText('New password'));
    await userEvent.type(screen.getByLabelText('New password'), 'Quiet-harbor-77');
    await userEvent.type(screen.getByLabelText('Confirm password'), 'Quiet-harbor-77');
    expect(submit).toHaveProperty('disabled', false);
    await userEvent.click(submit);
    await waitFor(() =>
      expect(screen.getByRole('status').textContent).toBe(
        'Your password is changed. Your other devices were signed out.',
      ),
    );
    expect(view.calls.at(-1)).toEqual([
      'auth:change-password',
      { body: { currentPassword: 'Old-harbour-11', newPassword: 'Quiet-harbor-77' } },
    ]);
    expect(screen.getByLabelText('Current password')).toHaveProperty('value', '');
  });

  it.each([
    ['invalid_credentials', 'The current password is not right. Type it again.', 'Current password'],
    ['password_reused', 'That is the password you have now. Choose a new one.', 'New password'],
  ] as const)('words the office’s %s and marks the field', async (code, words, field) => {
    await renderWithApp(<ChangePasswordForm user={lucia} />, {
      ...policy,
      'auth:change-password': () => failure(code),
    });
    await userEvent.type(screen.getByLabelText('Current password'), 'Old-harbour-11');
    await userEvent.type(await screen.findByLabelText('New password'), 'Quiet-harbor-77');
    await userEvent.type(screen.getByLabelText('Confirm password'), 'Quiet-harbor-77');
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect((await screen.findByRole('alert')).textContent).toBe(words);
    expect(screen.getByLabelText(field).getAttribute('aria-invalid')).toBe('true');
    // The first wrong field takes the focus: it may be far above the button.
    expect(document.activeElement).toBe(screen.getByLabelText(field));
  });

  it('speaks French', async () => {
    await renderWithApp(<ChangePasswordForm user={lucia} />, policy, 'fr');
    expect(screen.getByRole('heading', { name: 'Mot de passe' })).toBeTruthy();
    expect(screen.getByLabelText('Mot de passe actuel')).toBeTruthy();
    expect(await screen.findByText('Ni votre nom, ni votre courriel, ni votre numéro de poste')).toBeTruthy();
  });
});
