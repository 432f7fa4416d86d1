import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../test-support/render';
import { failure } from '../test-support/fixtures';
import { openConsoleAt } from '../test-support/open-console';
import { chooseAction } from '../test-support/row-menu';

afterEach(cleanup);

const sales = {
  id: 'rg1',
  name: 'Sales',
  extension: '600',
  strategy: 'round-robin' as const,
  memberRingSeconds: 20,
  groupRingSeconds: 60,
  skipBusy: true,
  overflowType: 'voicemail' as const,
  overflowTarget: null,
  callerHears: 'ringing' as const,
  musicId: null,
  members: [
    { extension: '101', name: 'Ana Ruiz', loggedIn: true },
    { extension: '102', name: 'Ben Ode', loggedIn: false },
  ],
  createdAt: '2026-11-01T09:00:00.000Z',
};

describe('RingGroupsPanel', () => {
  it('lists groups with their extension, how they ring, their members and overflow', async () => {
    await openConsoleAt('Ring groups', { 'admin:list-ring-groups': () => ok({ items: [sales] }) });
    expect(await screen.findByRole('cell', { name: 'Round robin' })).toBeTruthy();
    expect(screen.getByRole('cell', { name: '600' })).toBeTruthy();
    expect(screen.getByRole('cell', { name: 'Ana Ruiz, Ben Ode' })).toBeTruthy();
    expect(screen.getByRole('cell', { name: 'Voicemail of the group' })).toBeTruthy();
  });

  it('says what a ring group is when there is none', async () => {
    await openConsoleAt('Ring groups', { 'admin:list-ring-groups': () => ok({ items: [] }) });
    expect(await screen.findByText(/rings several colleagues/)).toBeTruthy();
  });

  it('adds a hunt group that overflows to an extension, and shows a taken extension in words', async () => {
    let taken = true;
    const view = await openConsoleAt('Ring groups', {
      'admin:list-ring-groups': () => ok({ items: [] }),
      'admin:create-ring-group': () => (taken ? failure('extension_taken', 'body.extension') : ok(sales)),
      'admin:list-music': () =>
        ok({
          items: [
            { id: 'm1', name: 'Jazz', durationSeconds: 60, isDefault: false, createdAt: sales.createdAt },
          ],
        }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Add ring group' }));
    const form = screen.getByRole('dialog', { name: 'Add ring group' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Support');
    await userEvent.type(within(form).getByLabelText('Extension'), '650');
    await userEvent.type(within(form).getByLabelText('Members'), '101, 103 102');
    await userEvent.selectOptions(within(form).getByLabelText('How it rings'), 'In order');
    const memberSeconds = within(form).getByLabelText('Seconds ringing each member');
    await userEvent.clear(memberSeconds);
    await userEvent.type(memberSeconds, '15');
    await userEvent.click(within(form).getByLabelText('Skip members on a call or in do not disturb'));
    expect(within(form).queryByLabelText('Extension of the destination')).toBeNull();
    await userEvent.selectOptions(within(form).getByLabelText('If nobody answers'), 'Extension');
    await userEvent.type(within(form).getByLabelText('Extension of the destination'), '104');
    await userEvent.selectOptions(within(form).getByLabelText('Callers hear while it rings'), 'Music');
    expect(within(form).getByLabelText('Music')).toHaveProperty('value', '');
    await userEvent.selectOptions(within(form).getByLabelText('Music'), 'Jazz');
    await userEvent.click(within(form).getByRole('button', { name: 'Add ring group' }));
    await within(form).findByRole('alert');
    expect(within(form).getByLabelText('Extension').getAttribute('aria-invalid')).toBe('true');
    taken = false;
    await userEvent.click(within(form).getByRole('button', { name: 'Add ring group' }));
    expect((await screen.findByRole('status')).textContent).toBe('Sales saved.');
    expect(view.calls.filter(([c]) => c === 'admin:create-ring-group').at(-1)![1]).toEqual({
      body: {
        name: 'Support',
        extension: '650',
        strategy: 'hunt',
        memberRingSeconds: 15,
        groupRingSeconds: 60,
        skipBusy: false,
        members: ['101', '103', '102'],
        overflowType: 'extension',
        overflowTarget: '104',
        callerHears: 'music',
        musicId: 'm1',
      },
    });
  });

  it('keeps a group a phone number still rings, saying why', async () => {
    await openConsoleAt('Ring groups', {
      'admin:list-ring-groups': () => ok({ items: [sales] }),
      'admin:delete-ring-group': () => failure('in_use'),
    });
    await chooseAction('Sales', 'Delete');
    const dialog = screen.getByRole('alertdialog', { name: 'Delete Sales?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('still in use');
  });
});
