import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../test-support/render';
import { adminSession, failure } from '../test-support/fixtures';
import { openConsoleAt } from '../test-support/open-console';
import { chooseAction, expectSaid } from '../test-support/row-menu';

afterEach(cleanup);

const at = '2026-11-01T09:00:00.000Z';
const frontDesk = {
  id: 't1',
  name: 'Front desk',
  description: 'Reception staff',
  preferences: { doNotDisturb: false, ringTimeoutSeconds: 20 },
  createdAt: at,
};

describe('SettingsTemplatesPanel', () => {
  it('lists templates, and explains an empty list and a failure', async () => {
    let answer: 'fail' | 'empty' | 'rows' = 'fail';
    await openConsoleAt('Settings templates', {
      'admin:list-settings-templates': () =>
        answer === 'fail' ? failure('internal_error') : ok({ items: answer === 'rows' ? [frontDesk] : [] }),
    });
    const alert = await screen.findByRole('alert');
    answer = 'empty';
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(/No settings templates yet/)).toBeTruthy();
  });

  it('creates a template that sets only what the admin chose', async () => {
    const view = await openConsoleAt('Settings templates', {
      'admin:list-settings-templates': () => ok({ items: [] }),
      'admin:create-settings-template': () => ok(frontDesk),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Add settings template' }));
    const form = screen.getByRole('dialog', { name: 'Add settings template' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Front desk');
    await userEvent.selectOptions(within(form).getByLabelText('Do not disturb'), 'Off');
    await userEvent.type(within(form).getByLabelText('Ring time before voicemail (seconds)'), '20');
    await userEvent.selectOptions(
      within(form).getByLabelText('Calls outside the office'),
      'National and international numbers',
    );
    await userEvent.selectOptions(
      within(form).getByLabelText('Forward on no answer'),
      'Forward to an extension',
    );
    await userEvent.type(within(form).getByLabelText('Forward to extension'), '100');
    await userEvent.click(within(form).getByRole('button', { name: 'Add settings template' }));
    await expectSaid('Front desk saved.');
    expect(view.calls.find(([c]) => c === 'admin:create-settings-template')![1]).toEqual({
      body: {
        name: 'Front desk',
        description: '',
        preferences: {
          doNotDisturb: false,
          ringTimeoutSeconds: 20,
          outboundCalls: 'international',
          forwardNoAnswer: { enabled: true, target: '100' },
        },
      },
    });
  });

  it('edits a template, clearing a preference back to the user', async () => {
    const view = await openConsoleAt('Settings templates', {
      'admin:list-settings-templates': () => ok({ items: [frontDesk] }),
      'admin:update-settings-template': () => ok(frontDesk),
    });
    await chooseAction('Front desk', 'Edit');
    const form = screen.getByRole('dialog', { name: 'Edit Front desk' });
    expect(within(form).getByLabelText('Ring time before voicemail (seconds)')).toHaveProperty('value', '20');
    await userEvent.selectOptions(within(form).getByLabelText('Do not disturb'), 'Leave to the user');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await expectSaid('Front desk saved.');
    expect(view.calls.find(([c]) => c === 'admin:update-settings-template')![1]).toEqual({
      id: 't1',
      body: { name: 'Front desk', description: 'Reception staff', preferences: { ringTimeoutSeconds: 20 } },
    });
  });

  it('offers a plain admin no grant of international calls, but keeps a template’s own', async () => {
    const roaming = {
      ...frontDesk,
      id: 't2',
      name: 'Roaming',
      preferences: { outboundCalls: 'international' },
    };
    await openConsoleAt(
      'Settings templates',
      { 'admin:list-settings-templates': () => ok({ items: [frontDesk, roaming] }) },
      { session: adminSession },
    );
    const international = (form: HTMLElement) =>
      within(within(form).getByLabelText('Calls outside the office')).getByRole('option', {
        name: 'National and international numbers',
      });
    await chooseAction('Front desk', 'Edit');
    const local = screen.getByRole('dialog', { name: 'Edit Front desk' });
    expect(international(local)).toHaveProperty('disabled', true);
    expect(within(local).getByText('Only a super administrator can grant international calls.')).toBeTruthy();
    await userEvent.click(within(local).getByRole('button', { name: 'Cancel' }));

    await chooseAction('Roaming', 'Edit');
    const kept = screen.getByRole('dialog', { name: 'Edit Roaming' });
    expect(international(kept)).toHaveProperty('disabled', false);
    expect((within(kept).getByLabelText('Calls outside the office') as HTMLSelectElement).value).toBe(
      'international',
    );
  });
});
