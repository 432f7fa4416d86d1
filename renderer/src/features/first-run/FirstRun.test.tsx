import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FirstRun } from './FirstRun';
import { failure } from '../admin/test-support/fixtures';
import { ok, renderWithApp } from '../../test-support/render';

afterEach(cleanup);

const admin = { email: 'owner@example.com', temporaryPassword: 'Tq7-vX2m-9KpL' };

describe('FirstRun', () => {
  it('asks about the office, shows the one-time password, copies it, saves and moves on to sign-in', async () => {
    const user = userEvent.setup();
    const onContinue = vi.fn();
    const view = await renderWithApp(<FirstRun admin={admin} onContinue={onContinue} />, {
      'app:set-up-office': () => ok(null),
    });
    expect(screen.getByRole('heading').textContent).toBe('Your office is ready');
    expect(screen.getByText('owner@example.com')).toBeTruthy();
    expect(screen.getByText('Tq7-vX2m-9KpL')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe('Tq7-vX2m-9KpL');
    expect(screen.getByRole('button', { name: 'Copied' })).toBeTruthy();

    // This computer's time zone and the app's language to start with.
    const { timeZone } = Intl.DateTimeFormat().resolvedOptions();
    expect(screen.getByLabelText('Time zone')).toHaveProperty('value', timeZone);
    expect(screen.getByLabelText('Language of the office’s mail')).toHaveProperty('value', 'en');
    await user.type(screen.getByLabelText('Company name'), '  Ópticas Brontë-Ødegaard ');
    await user.selectOptions(screen.getByLabelText('Country'), 'Spain');
    await user.selectOptions(screen.getByLabelText('Time zone'), 'Europe/Madrid');
    await user.selectOptions(screen.getByLabelText('Language of the office’s mail'), 'Español');
    await user.click(screen.getByRole('button', { name: 'Continue to sign in' }));
    expect(onContinue).toHaveBeenCalledOnce();
    expect(view.calls).toEqual([
      [
        'app:set-up-office',
        { name: 'Ópticas Brontë-Ødegaard', country: 'ES', timeZone: 'Europe/Madrid', language: 'es' },
      ],
    ]);
  });

  it('names the countries in the app’s language and starts in it', async () => {
    await renderWithApp(<FirstRun admin={admin} onContinue={() => undefined} />, {}, 'fr');
    expect(screen.getByLabelText('Langue des courriels du bureau')).toHaveProperty('value', 'fr');
    const countries = [...(screen.getByLabelText('Pays') as HTMLSelectElement).options].map((o) => o.text);
    expect(countries).toContain('Espagne');
    expect(countries).toContain('Allemagne');
  });

  it('keeps the screen and marks the field main refused', async () => {
    const onContinue = vi.fn();
    await renderWithApp(<FirstRun admin={admin} onContinue={onContinue} />, {
      'app:set-up-office': () => failure('invalid_field', 'request.timeZone'),
    });
    await userEvent.type(screen.getByLabelText('Company name'), 'Acme');
    await userEvent.click(screen.getByRole('button', { name: 'Continue to sign in' }));
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.getByLabelText('Time zone').getAttribute('aria-invalid')).toBe('true');
    expect(onContinue).not.toHaveBeenCalled();
  });

  it('goes on to sign-in when the office was set up meanwhile', async () => {
    const onContinue = vi.fn();
    await renderWithApp(<FirstRun admin={admin} onContinue={onContinue} />, {
      'app:set-up-office': () => failure('conflict'),
    });
    await userEvent.type(screen.getByLabelText('Company name'), 'Acme');
    await userEvent.click(screen.getByRole('button', { name: 'Continue to sign in' }));
    expect(onContinue).toHaveBeenCalledOnce();
  });
});
