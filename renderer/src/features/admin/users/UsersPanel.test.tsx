import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import AdminConsole from '../AdminConsole';
import { ok, renderWithApp, type ChannelAnswers } from '../../../test-support/render';
import {
  adminSession,
  company,
  deferred,
  device,
  failure,
  superAdminSession,
  user,
} from '../test-support/fixtures';

afterEach(cleanup);

const ada = user({ id: 'ada', name: 'Ada Lovelace', extension: '101' });
const zed = user({ id: 'zed', name: 'Zed Zimmer', extension: '102', portalAccess: false });
const root = user({ id: 'root', name: 'Rita Root', extension: '099', role: 'admin' });

async function open(
  answers: ChannelAnswers,
  session: typeof superAdminSession | typeof adminSession = superAdminSession,
) {
  const view = await renderWithApp(<AdminConsole session={session} />, answers);
  return view;
}

const rows = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).getAllByRole('cell')[1]!.textContent);

describe('UsersPanel', () => {
  it('shows a skeleton while loading, then the users', async () => {
    const answer = deferred<ReturnType<typeof ok>>();
    await open({ 'admin:list-users': () => answer.promise });
    expect(screen.getByRole('status', { name: 'Loading' })).toBeTruthy();
    answer.resolve(ok({ items: [ada, zed], nextCursor: null }));
    expect(await screen.findByRole('cell', { name: 'Zed Zimmer' })).toBeTruthy();
    expect(screen.queryByRole('status', { name: 'Loading' })).toBeNull();
  });

  it('says what to do next when the office has no users yet', async () => {
    await open({ 'admin:list-users': () => ok({ items: [], nextCursor: null }) });
    expect(await screen.findByText(/No users yet/)).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Add user' })).toHaveLength(2);
  });

  it('explains a failure in words and loads again on retry', async () => {
    let fail = true;
    await open({
      'admin:list-users': () => (fail ? failure('internal_error') : ok({ items: [ada], nextCursor: null })),
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Something went wrong');
    expect(alert.textContent).not.toContain('raw office text');
    fail = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('cell', { name: 'Ada Lovelace' })).toBeTruthy();
  });

  it('says what still works when the office is offline', async () => {
    await open({ 'admin:list-users': () => failure('offline') });
    expect((await screen.findByRole('alert')).textContent).toContain(
      'softphone and cached voicemail still work',
    );
  });

  it('searches through the API, pages with its cursor and sorts the page by column', async () => {
    const view = await open({
      'admin:list-users': (payload) => {
        const query = (payload as { query: { search?: string; before?: string } }).query;
        if (query.search === 'zzz') return ok({ items: [], nextCursor: null });
        if (query.before === 'c2') return ok({ items: [root], nextCursor: null });
        return ok({ items: [zed, ada], nextCursor: 'c2' });
      },
    });
    await screen.findByRole('cell', { name: 'Ada Lovelace' });
    expect(rows()).toEqual(['Ada Lovelace', 'Zed Zimmer']);
    await userEvent.click(screen.getByRole('button', { name: 'Name' }));
    expect(rows()).toEqual(['Ada Lovelace', 'Zed Zimmer']);
    await userEvent.click(screen.getByRole('button', { name: 'Name' }));
    expect(rows()).toEqual(['Zed Zimmer', 'Ada Lovelace']);
    expect(screen.getByRole('columnheader', { name: 'Name' }).getAttribute('aria-sort')).toBe('descending');

    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('cell', { name: 'Rita Root' })).toBeTruthy();
    expect(screen.getByText('Page 2')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Previous' }));
    expect(await screen.findByRole('cell', { name: 'Ada Lovelace' })).toBeTruthy();

    await userEvent.type(screen.getByLabelText('Search by name, email or extension'), 'zzz');
    expect(await screen.findByText('No user matches “zzz”.')).toBeTruthy();
    expect(view.calls.at(-1)).toEqual(['admin:list-users', { query: { limit: 25, search: 'zzz' } }]);
  });

  it('creates a user with a settings template and a user group', async () => {
    const view = await open({
      'admin:list-users': () => ok({ items: [ada], nextCursor: null }),
      'admin:list-user-groups': () =>
        ok({
          items: [
            { id: 'g1', name: 'Sales', description: '', settingsTemplateId: null, createdAt: ada.createdAt },
          ],
        }),
      'admin:list-settings-templates': () =>
        ok({
          items: [
            { id: 't1', name: 'Front desk', description: '', preferences: {}, createdAt: ada.createdAt },
          ],
        }),
      'admin:create-user': () => ok({ ...zed, name: 'Grace Hopper', extension: '105' }),
      'admin:company': () => ok({ ...company, language: 'fr' }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Add user' }));
    const form = screen.getByRole('dialog', { name: 'Add user' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Grace Hopper');
    await userEvent.type(within(form).getByLabelText('Email'), 'grace@example.com');
    await userEvent.selectOptions(within(form).getByLabelText('Role'), 'admin');
    await userEvent.selectOptions(await within(form).findByLabelText('User group'), 'Sales');
    await userEvent.selectOptions(within(form).getByLabelText('Settings template'), 'Front desk');
    // The company's language to start with; the admin chooses the colleague's own.
    const language = await within(form).findByLabelText('Language of their mail');
    expect(language).toHaveProperty('value', 'fr');
    await userEvent.selectOptions(language, 'Español');
    await userEvent.click(within(form).getByRole('button', { name: 'Add user' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      'Grace Hopper was added with extension 105; the welcome email is on its way.',
    );
    expect(view.calls.find(([channel]) => channel === 'admin:create-user')![1]).toEqual({
      body: {
        name: 'Grace Hopper',
        email: 'grace@example.com',
        role: 'admin',
        userGroupId: 'g1',
        settingsTemplateId: 't1',
        sendWelcomeEmail: true,
        language: 'es',
      },
    });
  });

  it('marks the field the office refused and keeps the form open', async () => {
    await open({
      'admin:list-users': () => ok({ items: [ada], nextCursor: null }),
      'admin:list-user-groups': () => ok({ items: [] }),
      'admin:list-settings-templates': () => ok({ items: [] }),
      'admin:create-user': () => failure('extension_taken', 'body.extension'),
      'admin:company': () => ok(company),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Add user' }));
    const form = screen.getByRole('dialog', { name: 'Add user' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Grace Hopper');
    await userEvent.type(within(form).getByLabelText('Email'), 'grace@example.com');
    await userEvent.type(within(form).getByLabelText('Extension'), '101');
    await userEvent.click(within(form).getByRole('button', { name: 'Add user' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('already in use');
    expect(within(form).getByLabelText('Extension').getAttribute('aria-invalid')).toBe('true');
  });

  it('turns portal access off and on from the row', async () => {
    let access = true;
    const view = await open({
      'admin:list-users': () => ok({ items: [{ ...ada, portalAccess: access }], nextCursor: null }),
      'admin:update-user': (payload) => {
        access = (payload as { body: { portalAccess: boolean } }).body.portalAccess;
        return ok({ ...ada, portalAccess: access });
      },
    });
    const toggle = await screen.findByRole('switch', { name: 'Web sign-in for Ada Lovelace' });
    expect(toggle).toHaveProperty('checked', true);
    await userEvent.click(toggle);
    expect((await screen.findByRole('status')).textContent).toBe('Web sign-in is off for Ada Lovelace.');
    await waitFor(() => expect(screen.getByRole('switch')).toHaveProperty('checked', false));
    await userEvent.click(screen.getByRole('switch'));
    await waitFor(() => expect(screen.getByRole('switch')).toHaveProperty('checked', true));
    expect(view.calls.filter(([channel]) => channel === 'admin:update-user').map(([, p]) => p)).toEqual([
      { id: 'ada', body: { portalAccess: false } },
      { id: 'ada', body: { portalAccess: true } },
    ]);
  });

  /** The console with Ada listed, and her reset password dialog open. */
  const openReset = async () => {
    const view = await open({
      'admin:list-users': () => ok({ items: [ada], nextCursor: null }),
      'admin:company': () => ok(company),
      'admin:reset-password': () => ok(null),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Reset password of Ada Lovelace' }));
    return { view, dialog: screen.getByRole('dialog') };
  };

  it('resets a password automatically', async () => {
    const { view, dialog } = await openReset();
    expect(within(dialog).getByText('A new temporary password is mailed to ada@example.com.')).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reset password' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      'The password of Ada Lovelace was reset and mailed to them.',
    );
    expect(view.calls.find(([c]) => c === 'admin:reset-password')![1]).toEqual({
      id: 'ada',
      body: { mode: 'automatic' },
    });
  });

  it('resets a password manually, showing the policy live and refusing a mismatch', async () => {
    const { view, dialog } = await openReset();
    await userEvent.click(within(dialog).getByLabelText('Manual override'));
    const password = await within(dialog).findByLabelText('Password');
    const submit = within(dialog).getByRole('button', { name: 'Reset password' });
    expect(within(dialog).getByText(/At least 12 characters/)).toBeTruthy();
    await userEvent.type(password, 'short1');
    expect(within(dialog).getByText('Too short: at least 12 characters.')).toBeTruthy();
    await userEvent.type(password, 'lovelace');
    expect(within(dialog).getByText(/must not contain “lovelace”/)).toBeTruthy();
    await userEvent.clear(password);
    await userEvent.type(password, 'Harbour-Kite-93');
    expect(within(dialog).getByText('This password meets the policy.')).toBeTruthy();
    await userEvent.type(within(dialog).getByLabelText('Confirm password'), 'Harbour-Kite-9');
    expect(within(dialog).getByText('The two passwords are not the same.')).toBeTruthy();
    expect(submit).toHaveProperty('disabled', true);
    await userEvent.type(within(dialog).getByLabelText('Confirm password'), '3');
    expect(submit).toHaveProperty('disabled', false);
    await userEvent.click(submit);
    await screen.findByRole('status');
    expect(view.calls.find(([c]) => c === 'admin:reset-password')![1]).toEqual({
      id: 'ada',
      body: { mode: 'manual', password: 'Harbour-Kite-93', confirmPassword: 'Harbour-Kite-93' },
    });
  });

  it('lists the devices that go back to the pool before deleting a user', async () => {
    const view = await open({
      'admin:list-users': () => ok({ items: [ada], nextCursor: null }),
      'admin:list-devices': () =>
        ok({
          items: [
            device({ id: 'd1', label: 'Desk phone', extension: '101' }),
            device({ id: 'd2', label: 'Other desk', extension: '102' }),
          ],
        }),
      'admin:delete-user': () => ok(null),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Delete Ada Lovelace' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete Ada Lovelace?' });
    expect(await within(dialog).findByText('These devices go back to the free pool:')).toBeTruthy();
    expect(
      within(dialog)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Desk phone dev-d1']);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete user' }));
    expect((await screen.findByRole('status')).textContent).toContain('Ada Lovelace was deleted');
    expect(view.calls.find(([c]) => c === 'admin:delete-user')![1]).toEqual({ id: 'ada' });
  });

  it('offers a plain admin no action on administrators, nor deleting themselves', async () => {
    const self = user({ id: 'adam', name: 'Adam Admin', role: 'admin', extension: '098' });
    await open(
      { 'admin:list-users': () => ok({ items: [ada, root, self], nextCursor: null }) },
      adminSession,
    );
    await screen.findByRole('cell', { name: 'Rita Root' });
    expect(screen.getByRole('button', { name: 'Reset password of Ada Lovelace' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Reset password of Rita Root' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Edit Rita Root' })).toBeNull();
    expect(screen.queryByRole('switch', { name: 'Web sign-in for Rita Root' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete Adam Admin' })).toBeNull();
  });
});
