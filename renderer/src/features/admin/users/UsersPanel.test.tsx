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
import { actionsOf, chooseAction, expectSaid } from '../test-support/row-menu';

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
    await expectSaid('Grace Hopper was added with extension 105; the welcome email is on its way.');
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

  it('lets a super admin grant international calls on the user, sending only that change', async () => {
    const view = await open({
      'admin:list-users': () => ok({ items: [ada], nextCursor: null }),
      'admin:list-user-groups': () => ok({ items: [] }),
      'admin:list-settings-templates': () => ok({ items: [] }),
      'admin:update-user': () => ok({ ...ada, outboundCalls: 'international' }),
    });
    await screen.findByRole('cell', { name: 'Ada Lovelace' });
    await chooseAction('Ada Lovelace', 'Edit');
    const form = screen.getByRole('dialog', { name: 'Edit Ada Lovelace' });
    const outbound = within(form).getByLabelText('Calls outside the office') as HTMLSelectElement;
    expect(outbound.value).toBe('national');
    await userEvent.selectOptions(outbound, 'National and international numbers');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await expectSaid('Changes to Ada Lovelace saved.');
    expect(view.calls.find(([c]) => c === 'admin:update-user')![1]).toEqual({
      id: 'ada',
      body: {
        name: 'Ada Lovelace',
        email: 'ada@example.com',
        extension: '101',
        outboundCalls: 'international',
      },
    });
  });

  it('does not offer a plain admin international calls to grant, only to keep', async () => {
    const traveller = user({
      id: 'tom',
      name: 'Tom Travel',
      extension: '103',
      outboundCalls: 'international',
    });
    await open(
      {
        'admin:list-users': () => ok({ items: [ada, traveller], nextCursor: null }),
        'admin:list-user-groups': () => ok({ items: [] }),
        'admin:list-settings-templates': () => ok({ items: [] }),
      },
      adminSession,
    );
    await screen.findByRole('cell', { name: 'Ada Lovelace' });
    await chooseAction('Ada Lovelace', 'Edit');
    let form = screen.getByRole('dialog', { name: 'Edit Ada Lovelace' });
    const international = within(form).getByRole('option', { name: 'National and international numbers' });
    expect(international).toHaveProperty('disabled', true);
    expect(within(form).getByText('Only a super administrator can grant international calls.')).toBeTruthy();
    expect(within(form).getByRole('option', { name: 'Colleagues only' })).toHaveProperty('disabled', false);
    await userEvent.click(within(form).getByRole('button', { name: 'Cancel' }));
    await chooseAction('Tom Travel', 'Edit');
    form = screen.getByRole('dialog', { name: 'Edit Tom Travel' });
    expect(within(form).getByRole('option', { name: 'National and international numbers' })).toHaveProperty(
      'disabled',
      false,
    );
  });

  it('turns sign-in to the app off only after saying what it does, and on at once', async () => {
    let access = true;
    const view = await open({
      'admin:list-users': () => ok({ items: [{ ...ada, portalAccess: access }], nextCursor: null }),
      'admin:update-user': (payload) => {
        access = (payload as { body: { portalAccess: boolean } }).body.portalAccess;
        return ok({ ...ada, portalAccess: access });
      },
    });
    expect(await screen.findByRole('columnheader', { name: 'Sign-in to the app' })).toBeTruthy();
    const toggle = screen.getByRole('switch', { name: 'Sign-in to the app for Ada Lovelace' });
    expect(toggle).toHaveProperty('checked', true);
    await userEvent.click(toggle);
    const ask = screen.getByRole('alertdialog', { name: 'Turn off sign-in to the app for Ada Lovelace?' });
    expect(within(ask).getByText(/signed out of the app at once and their softphone stops/)).toBeTruthy();
    // Cancel changes nothing.
    await userEvent.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(view.calls.filter(([channel]) => channel === 'admin:update-user')).toEqual([]);
    expect(screen.getByRole('switch')).toHaveProperty('checked', true);

    await userEvent.click(screen.getByRole('switch'));
    await userEvent.click(screen.getByRole('button', { name: 'Turn off and sign out' }));
    await expectSaid('Sign-in to the app is off for Ada Lovelace: their session ended.');
    await waitFor(() => expect(screen.getByRole('switch')).toHaveProperty('checked', false));
    await userEvent.click(screen.getByRole('switch'));
    await expectSaid('Sign-in to the app is on for Ada Lovelace.');
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
    await chooseAction('Ada Lovelace', 'Reset password');
    return { view, dialog: screen.getByRole('dialog') };
  };

  it('resets a password automatically', async () => {
    const { view, dialog } = await openReset();
    expect(within(dialog).getByText('A new temporary password is mailed to ada@example.com.')).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Reset password' }));
    await expectSaid('The password of Ada Lovelace was reset and mailed to them.');
    expect(view.calls.find(([c]) => c === 'admin:reset-password')![1]).toEqual({
      id: 'ada',
      body: { mode: 'automatic' },
    });
  });

  it('resets a password manually, showing the policy live and refusing a mismatch', async () => {
    const { view, dialog } = await openReset();
    await userEvent.click(within(dialog).getByLabelText(/^Manual override/));
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
    await expectSaid('The password of Ada Lovelace was reset and mailed to them.');
    expect(view.calls.find(([c]) => c === 'admin:reset-password')![1]).toEqual({
      id: 'ada',
      body: { mode: 'manual', password: 'Harbour-Kite-93', confirmPassword: 'Harbour-Kite-93' },
    });
  });

  it('lists the devices that become free, and has each number ringing the user moved, before deleting', async () => {
    const number = (id: string, e164: string, routeTarget: string, label = '') => ({
      id,
      number: e164,
      label,
      routeType: 'extension' as const,
      routeTarget,
      createdAt: ada.createdAt,
    });
    const view = await open({
      'admin:list-users': () => ok({ items: [ada], nextCursor: null }),
      'admin:list-devices': () =>
        ok({
          items: [
            device({ id: 'd1', label: 'Desk phone', extension: '101' }),
            device({ id: 'd2', label: 'Other desk', extension: '102' }),
            device({ id: 'd3', kind: 'softphone', model: 'Switchboard', extension: '101' }),
          ],
        }),
      'admin:list-phone-numbers': () =>
        ok({
          items: [
            number('n1', '+34911230001', '101', 'Ventas'),
            number('n2', '+34911230002', '101'),
            number('n3', '+34911230003', '102'),
          ],
        }),
      'admin:route-targets': () =>
        ok({
          items: [
            { kind: 'extension', number: '101', name: 'Ada Lovelace' },
            { kind: 'extension', number: '102', name: 'Zoë Brontë-Ødegaard' },
          ],
        }),
      'admin:delete-user': () => ok(null),
    });
    await chooseAction('Ada Lovelace', 'Delete');
    const dialog = screen.getByRole('alertdialog', { name: 'Delete Ada Lovelace?' });
    expect(await within(dialog).findByText('These devices become free again:')).toBeTruthy();
    expect(
      within(dialog)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Desk phone dev-d1', 'Softphone of extension 101 dev-d3']);
    expect(
      within(dialog).getByRole('group', {
        name: 'These 2 phone numbers go to their extension or voicemail. Choose where each goes from now on:',
      }),
    ).toBeTruthy();
    const submit = within(dialog).getByRole('button', { name: 'Delete user' });
    expect(submit).toHaveProperty('disabled', true);
    const first = within(dialog).getByLabelText('Where +34911230001 (Ventas) goes from now on');
    // Her own extension is not offered: it goes with her.
    expect(
      within(first)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Choose where it rings', '102 · Zoë Brontë-Ødegaard']);
    await userEvent.selectOptions(first, '102 · Zoë Brontë-Ødegaard');
    expect(submit).toHaveProperty('disabled', true);
    await userEvent.selectOptions(
      within(dialog).getByLabelText('Where +34911230002 goes from now on'),
      '102 · Zoë Brontë-Ødegaard',
    );
    await userEvent.click(submit);
    await expectSaid('Ada Lovelace was deleted; their devices are free again.');
    expect(view.calls.find(([c]) => c === 'admin:delete-user')![1]).toEqual({
      id: 'ada',
      body: {
        reassignNumbers: [
          { id: 'n1', routeType: 'extension', routeTarget: '102' },
          { id: 'n2', routeType: 'extension', routeTarget: '102' },
        ],
      },
    });
  });

  it('has a number going to the user’s voicemail box moved too, their box not offered', async () => {
    const view = await open({
      'admin:list-users': () => ok({ items: [ada], nextCursor: null }),
      'admin:list-devices': () => ok({ items: [] }),
      'admin:list-phone-numbers': () =>
        ok({
          items: [
            {
              id: 'n1',
              number: '+34911230001',
              label: 'Messages',
              routeType: 'voicemail' as const,
              routeTarget: '101',
              createdAt: ada.createdAt,
            },
          ],
        }),
      'admin:route-targets': () =>
        ok({
          items: [
            { kind: 'extension', number: '101', name: 'Ada Lovelace' },
            { kind: 'extension', number: '102', name: 'Zoë Brontë-Ødegaard' },
            { kind: 'voicemail', number: '101', name: 'Ada Lovelace' },
            { kind: 'voicemail', number: '102', name: 'Zoë Brontë-Ødegaard' },
          ],
        }),
      'admin:delete-user': () => ok(null),
    });
    await chooseAction('Ada Lovelace', 'Delete');
    const dialog = screen.getByRole('alertdialog', { name: 'Delete Ada Lovelace?' });
    const where = await within(dialog).findByLabelText('Where +34911230001 (Messages) goes from now on');
    const groups = within(where).getAllByRole('group');
    expect(groups.map((group) => group.getAttribute('label'))).toEqual(['Extension', 'Voicemail box']);
    for (const group of groups)
      expect(
        within(group)
          .getAllByRole('option')
          .map((option) => option.textContent),
      ).toEqual(['102 · Zoë Brontë-Ødegaard']);
    await userEvent.selectOptions(where, within(groups[1]!).getByRole('option'));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete user' }));
    await expectSaid('Ada Lovelace was deleted; their devices are free again.');
    expect(view.calls.find(([c]) => c === 'admin:delete-user')![1]).toEqual({
      id: 'ada',
      body: { reassignNumbers: [{ id: 'n1', routeType: 'voicemail', routeTarget: '102' }] },
    });
  });

  it('offers a plain admin no action on administrators, nor deleting themselves', async () => {
    const self = user({ id: 'adam', name: 'Adam Admin', role: 'admin', extension: '098' });
    await open(
      { 'admin:list-users': () => ok({ items: [ada, root, self], nextCursor: null }) },
      adminSession,
    );
    await screen.findByRole('cell', { name: 'Rita Root' });
    expect(await actionsOf('Ada Lovelace')).toEqual(['Edit', 'Reset password', 'Delete']);
    expect(screen.queryByRole('button', { name: 'Actions for Rita Root' })).toBeNull();
    expect(screen.queryByRole('switch', { name: 'Sign-in to the app for Rita Root' })).toBeNull();
    // An administrator, themselves included, is the super admin's to manage.
    expect(screen.queryByRole('button', { name: 'Actions for Adam Admin' })).toBeNull();
  });
});
