import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../test-support/render';
import { failure } from '../test-support/fixtures';
import { openConsoleAt } from '../test-support/open-console';
import { chooseAction } from '../test-support/row-menu';

afterEach(cleanup);

const board = {
  id: 'c1',
  name: 'Board',
  extension: '700',
  hasPin: true,
  hasModeratorPin: false,
  endWithModerator: true,
  maxParticipants: 12,
  createdAt: '2026-12-01T09:00:00.000Z',
};

describe('ConferencesPanel', () => {
  it('lists bridges with their extension, whether each PIN is set (never the PIN), and their size', async () => {
    await openConsoleAt('Conference bridges', { 'admin:list-conferences': () => ok({ items: [board] }) });
    const row = (await screen.findByRole('cell', { name: 'Board' })).closest('tr')!;
    expect([...row.querySelectorAll('td')].slice(0, 6).map((cell) => cell.textContent)).toEqual([
      'Board',
      '700',
      'Set',
      'None',
      'On',
      '12',
    ]);
  });

  it('says what a bridge is when there is none', async () => {
    await openConsoleAt('Conference bridges', { 'admin:list-conferences': () => ok({ items: [] }) });
    expect(await screen.findByText(/several people dial to talk together/)).toBeTruthy();
  });

  it('adds a bridge with both PINs, and shows a PIN the office refused on its field', async () => {
    let refuse = true;
    const view = await openConsoleAt('Conference bridges', {
      'admin:list-conferences': () => ok({ items: [] }),
      'admin:create-conference': () => (refuse ? failure('invalid_field', 'body.moderatorPin') : ok(board)),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Add conference bridge' }));
    const form = screen.getByRole('dialog', { name: 'Add conference bridge' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Board');
    await userEvent.type(within(form).getByLabelText('PIN'), '4821');
    await userEvent.type(within(form).getByLabelText('Moderator PIN'), '4821');
    await userEvent.click(within(form).getByLabelText('Hang everybody up when the last moderator leaves'));
    const size = within(form).getByLabelText('Participants at most');
    await userEvent.clear(size);
    await userEvent.type(size, '12');
    await userEvent.click(within(form).getByRole('button', { name: 'Add conference bridge' }));
    await within(form).findByRole('alert');
    expect(within(form).getByLabelText('Moderator PIN').getAttribute('aria-invalid')).toBe('true');
    refuse = false;
    await userEvent.clear(within(form).getByLabelText('Moderator PIN'));
    await userEvent.type(within(form).getByLabelText('Moderator PIN'), '97531');
    await userEvent.click(within(form).getByRole('button', { name: 'Add conference bridge' }));
    expect((await screen.findByRole('status')).textContent).toBe('Board saved.');
    expect(view.calls.filter(([c]) => c === 'admin:create-conference').at(-1)![1]).toEqual({
      body: {
        name: 'Board',
        pin: '4821',
        moderatorPin: '97531',
        endWithModerator: true,
        maxParticipants: 12,
      },
    });
  });

  it('keeps a PIN left empty when editing, and removes one only when asked', async () => {
    const view = await openConsoleAt('Conference bridges', {
      'admin:list-conferences': () => ok({ items: [board] }),
      'admin:update-conference': () => ok(board),
    });
    await chooseAction('Board', 'Edit');
    const form = screen.getByRole('dialog', { name: 'Edit Board' });
    expect((within(form).getByLabelText('PIN') as HTMLInputElement).value).toBe('');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByRole('status');
    expect(view.calls.filter(([c]) => c === 'admin:update-conference').at(-1)![1]).toEqual({
      id: 'c1',
      body: { name: 'Board', extension: '700', endWithModerator: true, maxParticipants: 12 },
    });

    await chooseAction('Board', 'Edit');
    const again = screen.getByRole('dialog', { name: 'Edit Board' });
    await userEvent.click(within(again).getByLabelText('Remove the PIN'));
    expect(within(again).queryByLabelText('PIN')).toBeNull();
    await userEvent.click(within(again).getByRole('button', { name: 'Save' }));
    await screen.findAllByRole('status');
    expect(view.calls.filter(([c]) => c === 'admin:update-conference').at(-1)![1]).toMatchObject({
      id: 'c1',
      body: { pin: null },
    });
  });

  it('keeps a bridge a phone number still rings, saying why', async () => {
    await openConsoleAt('Conference bridges', {
      'admin:list-conferences': () => ok({ items: [board] }),
      'admin:delete-conference': () => failure('in_use'),
    });
    await chooseAction('Board', 'Delete');
    const dialog = screen.getByRole('alertdialog', { name: 'Delete Board?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('still in use');
  });
});
