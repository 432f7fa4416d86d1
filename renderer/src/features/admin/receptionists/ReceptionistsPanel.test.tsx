import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../test-support/render';
import { failure } from '../test-support/fixtures';
import { openConsoleAt } from '../test-support/open-console';
import { chooseAction } from '../test-support/row-menu';

afterEach(cleanup);

const NONE = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const front = {
  id: 'r1',
  name: 'Front desk',
  extension: '700',
  hours: { ...NONE, mon: [{ from: '09:00', to: '17:00' }] },
  holidays: [{ name: 'Christmas', from: '2026-12-25' }],
  menus: [
    {
      id: 'main',
      greeting: { kind: 'text' as const, text: 'Welcome' },
      options: [
        { key: '1', action: { type: 'ring-group' as const, number: '600' } },
        { key: '2', action: { type: 'menu' as const, menu: 'support' } },
      ],
      timeoutSeconds: 5,
      fallback: { type: 'extension' as const, number: '101' },
    },
    {
      id: 'support',
      greeting: { kind: 'text' as const, text: 'Support' },
      options: [{ key: '#', action: { type: 'voicemail' as const, number: '102' } }],
      timeoutSeconds: 5,
      fallback: { type: 'hang-up' as const },
    },
    {
      id: 'closed',
      greeting: { kind: 'text' as const, text: 'Closed' },
      options: [
        { key: '9', action: { type: 'directory' as const } },
        { key: '0', action: { type: 'outside' as const, number: '+34912345678' } },
      ],
      timeoutSeconds: 5,
      fallback: { type: 'hang-up' as const },
    },
  ],
  openMenu: 'main',
  closedMenu: 'closed',
  holidayMenu: 'closed',
  uploadedGreetings: [],
  createdAt: '2026-11-01T09:00:00.000Z',
};

const closedNow = {
  at: '2026-12-07T20:15:00.000Z',
  timeZone: 'Europe/Madrid',
  localTime: '2026-12-07 21:15',
  state: 'closed' as const,
  holiday: null,
  menu: 'closed',
};

describe('ReceptionistsPanel', () => {
  it('shows each receptionist’s menus as a tree and what a call arriving now meets', async () => {
    const view = await openConsoleAt('Virtual receptionists', {
      'admin:list-receptionists': () => ok({ items: [front] }),
      'admin:receptionist-now': () => ok(closedNow),
    });
    expect(await screen.findByText('Closed (21:15): the “closed” menu answers.')).toBeTruthy();
    expect(view.calls.find(([channel]) => channel === 'admin:receptionist-now')![1]).toEqual({ id: 'r1' });
    const tree = screen.getByRole('tree', { name: 'Menus' });
    const open = within(tree)
      .getByText(/During business hours/)
      .closest('li')!;
    // The submenu opens beneath the key that leads to it.
    const key2 = within(open)
      .getByText(/Key 2: menu “support”/)
      .closest('li')!;
    expect(within(key2).getByText('Key #: voicemail of extension 102')).toBeTruthy();
    expect(within(open).getByText('Key 1: rings ring group 600')).toBeTruthy();
    expect(within(open).getByText('No key, or a wrong key twice: rings extension 101')).toBeTruthy();
    const closed = within(tree)
      .getByText(/Outside business hours/)
      .closest('li')!;
    expect(within(closed).getByText('Key 9: dial by name')).toBeTruthy();
    expect(within(closed).getByText('Key 0: calls +34912345678 outside the office')).toBeTruthy();
    expect(within(closed).queryByText(/Key 1/)).toBeNull();
  });

  it('names the holiday when the holiday menu answers', async () => {
    await openConsoleAt('Virtual receptionists', {
      'admin:list-receptionists': () => ok({ items: [front] }),
      'admin:receptionist-now': () =>
        ok({ ...closedNow, state: 'holiday', holiday: 'Christmas', localTime: '2026-12-25 10:00' }),
    });
    expect(await screen.findByText('Christmas (10:00): the “closed” menu answers.')).toBeTruthy();
  });

  it('says what a receptionist is when there is none', async () => {
    await openConsoleAt('Virtual receptionists', { 'admin:list-receptionists': () => ok({ items: [] }) });
    expect(await screen.findByText(/answers its extension with a menu/)).toBeTruthy();
  });

  it('keeps a receptionist a phone number still routes to, saying why', async () => {
    await openConsoleAt('Virtual receptionists', {
      'admin:list-receptionists': () => ok({ items: [front] }),
      'admin:receptionist-now': () => ok(closedNow),
      'admin:delete-receptionist': () => failure('in_use'),
    });
    await chooseAction('Front desk', 'Delete');
    const dialog = screen.getByRole('alertdialog', { name: 'Delete Front desk?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('still in use');
  });
});
