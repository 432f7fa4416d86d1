import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../test-support/render';
import { company, deferred, failure } from '../test-support/fixtures';
import { openConsoleAt } from '../test-support/open-console';
import { expectSaid } from '../test-support/row-menu';

afterEach(cleanup);

describe('CompanyPanel', () => {
  it('shows loading, then the company and its security settings with their limits', async () => {
    const answer = deferred<ReturnType<typeof ok>>();
    await openConsoleAt('Company and security', { 'admin:company': () => answer.promise });
    expect(screen.getByRole('status', { name: 'Loading' })).toBeTruthy();
    answer.resolve(ok(company));
    expect(await screen.findByLabelText('Company name')).toHaveProperty('value', 'Acme');
    const idle = screen.getByLabelText('Administrator idle limit (minutes)');
    expect(idle).toHaveProperty('value', '15');
    expect(idle.getAttribute('min')).toBe('1');
    expect(idle.getAttribute('max')).toBe('1440');
    expect(screen.getByText(/after this many idle minutes \(1 to 1440\)/)).toBeTruthy();
  });

  it('explains a failure and loads again', async () => {
    let fail = true;
    await openConsoleAt('Company and security', {
      'admin:company': () => (fail ? failure('offline') : ok(company)),
    });
    const alert = await screen.findByRole('alert');
    fail = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByLabelText('Company name')).toBeTruthy();
  });

  it('saves the admin idle limit and remembered-session days', async () => {
    const view = await openConsoleAt('Company and security', {
      'admin:company': () => ok(company),
      'admin:update-company': () => ok(company),
    });
    const idle = await screen.findByLabelText('Administrator idle limit (minutes)');
    await userEvent.clear(idle);
    await userEvent.type(idle, '30');
    const days = screen.getByLabelText('Remembered sign-in (days)');
    await userEvent.clear(days);
    await userEvent.type(days, '14');
    const save = screen.getByRole('button', { name: 'Save' });
    await userEvent.click(save);
    await expectSaid('Company and security settings saved.');
    // Said beside the button, not at the top of a long form.
    expect(save.closest('div.stack')!.textContent).toContain('Company and security settings saved.');
    const body = (view.calls.find(([c]) => c === 'admin:update-company')![1] as { body: typeof company })
      .body;
    expect(body.security).toEqual({
      ...company.security,
      adminIdleTimeoutMinutes: 30,
      rememberedSessionDays: 14,
    });
  });

  it('saves the language mail is written in for people who chose none', async () => {
    const view = await openConsoleAt('Company and security', {
      'admin:company': () => ok(company),
      'admin:update-company': (payload) => ok({ ...company, ...(payload as { body: object }).body }),
    });
    const language = await screen.findByLabelText('Language of mail and voicemail greetings');
    expect(language).toHaveProperty('value', 'en');
    expect(screen.getByText('For everyone who has not chosen their own in the app.')).toBeTruthy();
    await userEvent.selectOptions(language, 'Español');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await expectSaid('Company and security settings saved.');
    const sent = view.calls.find(([c]) => c === 'admin:update-company')![1] as { body: typeof company };
    expect(sent.body.language).toBe('es');
  });

  it('saves the time zone the office writes times in, named in the admin’s language', async () => {
    const view = await openConsoleAt(
      'Empresa y seguridad',
      {
        'admin:company': () => ok(company),
        'admin:update-company': (payload) => ok({ ...company, ...(payload as { body: object }).body }),
      },
      'es',
    );
    const zone = await screen.findByLabelText('Zona horaria');
    expect(zone).toHaveProperty('value', 'Europe/Madrid');
    expect((zone as HTMLSelectElement).selectedOptions[0]!.textContent).toMatch(/^Europe\/Madrid · .*hora/i);
    await userEvent.selectOptions(zone, 'America/Mexico_City');
    await userEvent.click(screen.getByRole('button', { name: 'Guardar' }));
    await expectSaid('Se guardaron los ajustes de empresa y seguridad.');
    const sent = view.calls.find(([c]) => c === 'admin:update-company')![1] as { body: typeof company };
    expect(sent.body.timeZone).toBe('America/Mexico_City');
  });

  it('marks the field the office refused', async () => {
    await openConsoleAt('Company and security', {
      'admin:company': () => ok(company),
      'admin:update-company': () => failure('invalid_field', 'body.adminContact.email'),
    });
    await userEvent.type(await screen.findByLabelText('Contact email'), 'not-an-email');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toContain('not valid');
    expect(screen.getByLabelText('Contact email').getAttribute('aria-invalid')).toBe('true');
    // The refused field, far above the button, takes the focus.
    expect(document.activeElement).toBe(screen.getByLabelText('Contact email'));
    expect(screen.getByLabelText('Contact email')).toHaveProperty('value', 'not-an-email');
  });
});
