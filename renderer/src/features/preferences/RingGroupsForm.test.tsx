import { act, cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ok, renderWithApp } from '../../test-support/render';
import { RingGroupsForm } from './RingGroupsForm';

afterEach(cleanup);

const sales = { id: 'rg1', name: 'Sales', extension: '600', loggedIn: true };
const support = { id: 'rg2', name: 'Support', extension: '601', loggedIn: false };

describe('RingGroupsForm', () => {
  it('shows nothing for someone in no ring group', async () => {
    const view = await renderWithApp(<RingGroupsForm />, { 'portal:ring-groups': () => ok({ items: [] }) });
    expect(view.calls.map(([channel]) => channel)).toEqual(['portal:ring-groups']);
    // Once the empty list has come back.
    await act(() => Promise.resolve());
    expect(view.container.textContent).toBe('');
  });

  it('logs the person out of a group and back in, and says why when the office refuses', async () => {
    let refuse = false;
    const view = await renderWithApp(<RingGroupsForm />, {
      'portal:ring-groups': () => ok({ items: [sales, support] }),
      'portal:set-ring-group-membership': (payload) => {
        const { id, body } = payload as { id: string; body: { loggedIn: boolean } };
        if (refuse) return { ok: false, error: { code: 'offline', message: 'x' } };
        return ok({ ...(id === 'rg1' ? sales : support), loggedIn: body.loggedIn });
      },
    });
    const salesBox = await screen.findByRole('checkbox', { name: 'Sales (600)' });
    const supportBox = screen.getByRole('checkbox', { name: 'Support (601)' });
    expect([(salesBox as HTMLInputElement).checked, (supportBox as HTMLInputElement).checked]).toEqual([
      true,
      false,
    ]);
    // The feature codes that do the same from a desk phone, with the first group as the example.
    expect(screen.getByText(/From a desk phone/).textContent).toContain('for Sales: *45600, *46600');
    await userEvent.click(salesBox);
    expect(view.calls.at(-1)).toEqual([
      'portal:set-ring-group-membership',
      { id: 'rg1', body: { loggedIn: false } },
    ]);
    await expect.poll(() => (salesBox as HTMLInputElement).checked).toBe(false);
    refuse = true;
    await userEvent.click(supportBox);
    expect((await screen.findByRole('alert')).textContent).toContain('cannot be reached');
    expect((supportBox as HTMLInputElement).checked).toBe(false);
  });
});
