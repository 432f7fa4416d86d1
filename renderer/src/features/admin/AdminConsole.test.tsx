import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import AdminConsole from './AdminConsole';
import { ok, renderWithApp } from '../../test-support/render';
import { superAdminSession, user } from './test-support/fixtures';

afterEach(cleanup);

const ada = user({ id: 'ada', name: 'Ada Lovelace', extension: '101' });
const page = (items = [ada]) => ok({ items, nextCursor: null });

describe('AdminConsole', () => {
  it('shows its sections in a labelled navigation and marks the open one', async () => {
    await renderWithApp(<AdminConsole session={superAdminSession} />, { 'admin:list-users': () => page() });
    const nav = screen.getByRole('navigation', { name: 'Admin console sections' });
    const users = within(nav).getByRole('button', { name: 'Users and extensions' });
    expect(users.getAttribute('aria-current')).toBe('page');
    expect(await screen.findByRole('cell', { name: 'Ada Lovelace' })).toBeTruthy();
  });

  it('speaks French', async () => {
    await renderWithApp(
      <AdminConsole session={superAdminSession} />,
      { 'admin:list-users': () => page() },
      'fr',
    );
    expect(screen.getByRole('button', { name: 'Utilisateurs et postes' })).toBeTruthy();
    expect(await screen.findByRole('columnheader', { name: 'Connexion à l’application' })).toBeTruthy();
  });

  it('lets a narrow window pick the section from one list, grouped as the tabs', async () => {
    await renderWithApp(<AdminConsole session={superAdminSession} />, {
      'admin:list-users': () => page(),
      'admin:list-devices': () => ok({ items: [] }),
    });
    const section = screen.getByLabelText('Section');
    expect(
      within(section)
        .getAllByRole('group')
        .map((group) => group.getAttribute('label')),
    ).toEqual(['Usage', 'Configuration', 'Account']);
    expect(section).toHaveProperty('value', 'users');
    await userEvent.selectOptions(section, 'Devices');
    expect(await screen.findByRole('heading', { level: 1, name: 'Devices' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Admin console sections' });
    expect(within(nav).getByRole('button', { name: 'Devices' }).getAttribute('aria-current')).toBe('page');
  });
});
