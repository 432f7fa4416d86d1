import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { translate } from '../../../../../common/i18n/catalogue';
import { ok } from '../../../test-support/render';
import { adminSession, deferred, failure } from '../test-support/fixtures';
import { openConsoleAt } from '../test-support/open-console';
import { actionsOf, chooseAction, expectSaid } from '../test-support/row-menu';

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
    ).toEqual(['Standard welcome', 'Welcome email', 'Welcome to {{companyName}}', 'Default', '⋯']);
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
    await expectSaid('Standard welcome saved.');
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

  it('shows the office’s own template in the admin’s language, and sends only what they change', async () => {
    const standard = {
      ...welcome,
      name: translate('en', 'admin.emails.standard.welcome'),
      subject: translate('en', 'mail.welcome.subject'),
      body: translate('en', 'mail.welcome.body'),
      isDefault: false,
    };
    const edited = { ...standard, id: 'e3', name: 'Bienvenida de la casa' };
    const view = await openConsoleAt(
      'Plantillas de correo electrónico',
      {
        'admin:list-email-templates': () => ok({ items: [standard, edited] }),
        'admin:update-email-template': () => ok(standard),
      },
      { language: 'es' },
    );
    const row = (await screen.findByRole('cell', { name: 'Bienvenida estándar' })).closest('tr')!;
    expect(within(row).getAllByRole('cell')[2]!.textContent).toBe(
      'Le damos la bienvenida a {{companyName}}: su extensión {{extension}}',
    );
    // A name an admin gave stays as written.
    expect(screen.getByRole('cell', { name: 'Bienvenida de la casa' })).toBeTruthy();
    await chooseAction('Bienvenida estándar', 'Editar');
    const form = screen.getByRole('dialog', { name: 'Editar Bienvenida estándar' });
    expect(within(form).getByLabelText('Asunto')).toHaveProperty(
      'value',
      'Le damos la bienvenida a {{companyName}}: su extensión {{extension}}',
    );
    expect((within(form).getByLabelText('Cuerpo') as HTMLTextAreaElement).value).toMatch(
      /^Hola \{\{name\}\}:/,
    );
    await userEvent.click(within(form).getByLabelText(/Usar para todos los correos/));
    await userEvent.click(within(form).getByRole('button', { name: 'Guardar' }));
    await expectSaid('Se guardó Bienvenida estándar.');
    // Its words stay the office's own, so each person still gets the mail in their language.
    expect(view.calls.find(([c]) => c === 'admin:update-email-template')![1]).toEqual({
      id: 'e1',
      body: { isDefault: true },
    });
  });

  it('shows a plain admin the templates to read only, and why', async () => {
    const view = await openConsoleAt(
      'Email templates',
      { 'admin:list-email-templates': () => ok({ items: [welcome] }) },
      { session: adminSession },
    );
    await screen.findByRole('cell', { name: 'Standard welcome' });
    expect(screen.queryByRole('button', { name: 'Add email template' })).toBeNull();
    expect(
      screen.getByText(
        'These mails carry temporary passwords and recovery codes, so only a super administrator can change their templates.',
      ),
    ).toBeTruthy();
    expect(await actionsOf('Standard welcome')).toEqual(['View']);
    await chooseAction('Standard welcome', 'View');
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
