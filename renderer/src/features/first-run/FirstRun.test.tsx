import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FirstRun } from './FirstRun';
import { renderWithApp } from '../../test-support/render';

afterEach(cleanup);

describe('FirstRun', () => {
  it('shows the one-time password, copies it and moves on to sign-in', async () => {
    const user = userEvent.setup();
    const onContinue = vi.fn();
    await renderWithApp(
      <FirstRun
        admin={{ email: 'owner@example.com', temporaryPassword: 'Tq7-vX2m-9KpL' }}
        onContinue={onContinue}
      />,
      {},
    );
    expect(screen.getByRole('heading').textContent).toBe('Your office is ready');
    expect(screen.getByText('owner@example.com')).toBeTruthy();
    expect(screen.getByText('Tq7-vX2m-9KpL')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe('Tq7-vX2m-9KpL');
    expect(screen.getByRole('button', { name: 'Copied' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Continue to sign in' }));
    expect(onContinue).toHaveBeenCalledOnce();
  });
});
