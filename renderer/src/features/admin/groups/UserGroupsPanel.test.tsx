import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../test-support/render';
import { deferred, failure } from '../test-support/fixtures';
import { openConsoleAt } from '../test-support/open-console';
import { chooseAction, expectSaid } from '../test-support/row-menu';

afterEach(cleanup);

const at = '2026-11-01T09:00:00.000Z';
const sales = { id: 'g1', name: 'Sales', description: 'Field team', settingsTemplateId: null, createdAt: at };
const frontDesk = { id: 't1', name: 'Front desk', description: '', preferences: {}, createdAt: at };

describe('UserGroupsPanel', () => {
  it('shows loading, then the groups', async () => {
    const answer = deferred<ReturnType<typeof ok>>();
    await openConsoleAt('User groups', { 'admin:list-user-groups': () => answer.promise });
    expect(screen.getByRole('status', { name: 'Loading' })).toBeTruthy();
    answer.resolve(ok({ items: [sales] }));
    expect(await screen.findByRole('cell', { name: 'Field team' })).toBeTruthy();
  });

  it('says what a group is for when there is none, and explains a failure', async () => {
    let fail = true;
    await openConsoleAt('User groups', {
      'admin:list-user-groups': () => (fail ? failure('offline') : ok({ items: [] })),
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('cannot be reached');
    fail = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(/A group gives its new members a settings template/)).toBeTruthy();
  });

  it('adds a group with a settings template for its new members', async () => {
    const view = await openConsoleAt('User groups', {
      'admin:list-user-groups': () => ok({ items: [] }),
      'admin:list-settings-templates': () => ok({ items: [frontDesk] }),
      'admin:create-user-group': () => ok({ ...sales, settingsTemplateId: 't1' }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Add user group' }));
    const form = screen.getByRole('dialog', { name: 'Add user group' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Sales');
    await userEvent.type(within(form).getByLabelText('Description'), 'Field team');
    await userEvent.selectOptions(
      await within(form).findByLabelText('Settings template for new members'),
      'Front desk',
    );
    await userEvent.click(within(form).getByRole('button', { name: 'Add user group' }));
    await expectSaid('Sales saved.');
    expect(view.calls.find(([c]) => c === 'admin:create-user-group')![1]).toEqual({
      body: { name: 'Sales', description: 'Field team', settingsTemplateId: 't1' },
    });
  });

  it('keeps a group that is still in use, saying why', async () => {
    await openConsoleAt('User groups', {
      'admin:list-user-groups': () => ok({ items: [sales] }),
      'admin:delete-user-group': () => failure('in_use'),
    });
    await chooseAction('Sales', 'Delete');
    const dialog = screen.getByRole('alertdialog', { name: 'Delete Sales?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('still in use');
  });
});
