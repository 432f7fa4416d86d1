import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { callLogEntry } from '../../test-support/fixtures';
import { ok, renderWithApp } from '../../test-support/render';
import { withLayout } from '../../test-support/layout';
import { CallLog } from '../call-log/CallLog';
import AdminConsole from './AdminConsole';
import { ElevatedSession } from './ElevatedSession';
import { company, failure, superAdminSession, user } from './test-support/fixtures';

afterEach(cleanup);
withLayout();

const ada = user({ id: 'ada', name: 'Ada Lovelace', extension: '101' });
const page = (items = [ada]) => ok({ items, nextCursor: null });

const elevatedConsole = () => (
  <ElevatedSession admin={superAdminSession.user}>
    <AdminConsole session={superAdminSession} />
  </ElevatedSession>
);

describe('ElevatedSession', () => {
  it('asks for the password in place when the elevated session ended, then retries and keeps typed input', async () => {
    let sessionAlive = true;
    const view = await renderWithApp(elevatedConsole(), {
      'admin:list-users': () => page(),
      'admin:list-user-groups': () => ok({ items: [] }),
      'admin:list-settings-templates': () => ok({ items: [] }),
      'admin:company': () => ok(company),
      'admin:create-user': (payload) =>
        sessionAlive
          ? ok({ ...ada, ...(payload as { body: object }).body, id: 'new' })
          : failure('session_expired'),
      'auth:sign-in': (payload) =>
        (payload as { password: string }).password === 'Right-Pass-42'
          ? ((sessionAlive = true), ok(superAdminSession))
          : failure('invalid_credentials'),
    });
    await screen.findByRole('cell', { name: 'Ada Lovelace' });
    await userEvent.click(screen.getByRole('button', { name: 'Add user' }));
    const form = await screen.findByRole('dialog', { name: 'Add user' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Grace Hopper');
    await userEvent.type(within(form).getByLabelText('Email'), 'grace@example.com');
    sessionAlive = false;
    await userEvent.click(within(form).getByRole('button', { name: 'Add user' }));

    const reauth = await screen.findByRole('dialog', { name: 'Your administrator session ended' });
    const password = within(reauth).getByLabelText('Password');
    await waitFor(() => expect(document.activeElement).toBe(password));
    await userEvent.type(password, 'wrong-one-1');
    await userEvent.click(within(reauth).getByRole('button', { name: 'Sign in and continue' }));
    expect((await within(reauth).findByRole('alert')).textContent).toContain('do not match');
    // The form under the dialog still holds what was typed.
    expect(within(form).getByLabelText('Name')).toHaveProperty('value', 'Grace Hopper');

    await userEvent.type(within(reauth).getByLabelText('Password'), 'Right-Pass-42');
    await userEvent.click(within(reauth).getByRole('button', { name: 'Sign in and continue' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(view.calls.filter(([channel]) => channel === 'admin:create-user')).toHaveLength(2);
    expect(view.calls.find(([channel]) => channel === 'auth:sign-in')![1]).toEqual({
      login: 'boss@example.com',
      password: 'wrong-one-1',
      scope: 'admin',
      remember: false,
    });
    expect((await screen.findByRole('status')).textContent).toContain('Grace Hopper was added');
  });

  it('gives back the failure when the admin cancels the password prompt, keeping the form', async () => {
    await renderWithApp(elevatedConsole(), {
      'admin:list-users': () => page(),
      'admin:list-user-groups': () => ok({ items: [] }),
      'admin:list-settings-templates': () => ok({ items: [] }),
      'admin:company': () => ok(company),
      'admin:create-user': () => failure('session_expired'),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Add user' }));
    const form = await screen.findByRole('dialog', { name: 'Add user' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Grace Hopper');
    await userEvent.type(within(form).getByLabelText('Email'), 'grace@example.com');
    await userEvent.click(within(form).getByRole('button', { name: 'Add user' }));
    const reauth = await screen.findByRole('dialog', { name: 'Your administrator session ended' });
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(reauth.isConnected).toBe(false));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'Your administrator session ended. Sign in again to continue.',
    );
    expect(within(form).getByLabelText('Email')).toHaveProperty('value', 'grace@example.com');
  });

  it('asks for the password on any screen, not only the console, and then shows it', async () => {
    let sessionAlive = false;
    await renderWithApp(
      <ElevatedSession admin={superAdminSession.user}>
        <CallLog onCall={() => undefined} />
      </ElevatedSession>,
      {
        'portal:call-log': () =>
          sessionAlive ? ok({ items: [callLogEntry()], nextCursor: null }) : failure('session_expired'),
        'auth:sign-in': () => ((sessionAlive = true), ok(superAdminSession)),
      },
    );
    const reauth = await screen.findByRole('dialog', { name: 'Your administrator session ended' });
    await userEvent.type(within(reauth).getByLabelText('Password'), 'Right-Pass-42');
    await userEvent.click(within(reauth).getByRole('button', { name: 'Sign in and continue' }));
    expect(await screen.findByText('Grace Hopper')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('passes other refusals through without asking, the ones main gives itself included', async () => {
    const view = await renderWithApp(
      <ElevatedSession admin={superAdminSession.user}>
        <CallLog onCall={() => undefined} />
      </ElevatedSession>,
      { 'portal:call-log': () => failure('not_signed_in') },
    );
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(view.calls.filter(([channel]) => channel === 'auth:sign-in')).toEqual([]);
  });
});
