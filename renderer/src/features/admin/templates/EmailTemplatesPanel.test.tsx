import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../test-support/render';
import { adminSession, deferred, failure } from '../test-support/fixtures';
import { openConsoleAt } from '../test-support/open-console';

afterEach(cleanup);

const welcome = {
  id: 'e1',
  kind: 'welcome' as const,
  name: 'Standard welcome',
  subject: 'Welcome to {{companyName}}',
  body: 'Hello {{name}}',
  isDefault: true,
  createdAt: '2026-11-01T09:00:00.000Z',
};

describe('EmailTemplatesPanel', () => {
  it('shows loading, then the templates with their kind and default mark', async () => {
    const answer = deferred<ReturnType<typeof ok>>();
    await openConsoleAt('Email templates', { 'admin:list-email-templates': () => answer.promise });
    expect(screen.getByRole('status', { name: 'Loading' })).toBeTruthy();
    answer.resolve(ok({ items: [welcome] }));
    const row = (await screen.findByRole('cell', { name: 'Standard welcome' })).closest('tr')!;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['Standard welcome', 'Welcome email', 'Welcome to {{companyName}}', 'Default', 'EditDelete']);
  });

  it('explains a failure and an empty list', async () => {
    let fail = true;
    await openConsoleAt('Email templates', {
      'admin:list-email-templates': () => (fail ? failure('internal_error') : ok({ items: [] })),
    });
    const alert = await screen.findByRole('alert');
    fail = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(/No email templates/)).toBeTruthy();
  });

  it('previews the placeholders of the chosen kind as the admin types', async () => {
    const view = await openConsoleAt('Email templates', {
      'admin:list-email-templates': () => ok({ items: [] }),
      'admin:create-email-template': () => ok({ ...welcome, id: 'e2', kind: 'password-recovery' }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Add email template' }));
    const form = screen.getByRole('dialog', { name: 'Add email template' });
    const preview = within(form).getByRole('region', { name: 'Preview with example values' });
    expect(within(form).getByText('{{temporaryPassword}}')).toBeTruthy();
    await userEvent.selectOptions(within(form).getByLabelText('Kind'), 'Password recovery');
    expect(within(form).queryByText('{{temporaryPassword}}')).toBeNull();
    expect(within(form).getByText('{{code}}')).toBeTruthy();
    await userEvent.type(within(form).getByLabelText('Name'), 'Short recovery');
    await userEvent.type(within(form).getByLabelText('Subject'), 'Code for {{{{name}}');
    await userEvent.type(
      within(form).getByLabelText('Body'),
      'Use {{{{code}} within {{{{minutes}} minutes. {{{{temporaryPassword}} {{{{nope}}',
    );
    expect(within(preview).getByText('Code for Ada Lovelace')).toBeTruthy();
    // A placeholder this kind of mail does not fill stays as typed, as in the real mail.
    expect(
      within(preview).getByText('Use K7Q2M9 within 30 minutes. {{temporaryPassword}} {{nope}}'),
    ).toBeTruthy();
    await userEvent.click(within(form).getByRole('button', { name: 'Add email template' }));
    await screen.findByRole('status');
    expect(view.calls.find(([c]) => c === 'admin:create-email-template')![1]).toEqual({
      body: {
        kind: 'password-recovery',
        name: 'Short recovery',
        subject: 'Code for {{name}}',
        body: 'Use {{code}} within {{minutes}} minutes. {{temporaryPassword}} {{nope}}',
        isDefault: false,
      },
    });
  });

  it('shows a plain admin the templates to read only, and why', async () => {
    const view = await openConsoleAt(
      'Email templates',
      { 'admin:list-email-templates': () => ok({ items: [welcome] }) },
      adminSession,
    );
    const row = (await screen.findByRole('cell', { name: 'Standard welcome' })).closest('tr')!;
    expect(screen.queryByRole('button', { name: 'Add email template' })).toBeNull();
    expect(
      screen.getByText(
        'These mails carry temporary passwords and recovery codes, so only a super administrator can change their templates.',
      ),
    ).toBeTruthy();
    expect(within(row).queryByRole('button', { name: 'Edit Standard welcome' })).toBeNull();
    expect(within(row).queryByRole('button', { name: 'Delete Standard welcome' })).toBeNull();
    await userEvent.click(within(row).getByRole('button', { name: 'View Standard welcome' }));
    const dialog = screen.getByRole('dialog', { name: 'View Standard welcome' });
    expect(within(dialog).getByLabelText('Subject')).toHaveProperty('readOnly', true);
    expect(within(dialog).getByLabelText('Body')).toHaveProperty('readOnly', true);
    const preview = within(dialog).getByRole('region', { name: 'Preview with example values' });
    expect(within(preview).getByText('Welcome to Example Ltd')).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: 'Save' })).toBeNull();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    // Nothing was sent to change a template.
    expect(view.calls.map(([channel]) => channel).filter((c) => /email-template$/.test(c))).toEqual([]);
  });
});
