import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../test-support/render';
import { adminSession, company, deferred, failure } from '../test-support/fixtures';
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

  it('saves the SIP digest challenges, MD5 until told otherwise', async () => {
    const view = await openConsoleAt('Company and security', {
      'admin:company': () => ok(company),
      'admin:update-company': () => ok(company),
    });
    const digest = await screen.findByLabelText('SIP digest challenges');
    expect(digest).toHaveProperty('value', 'md5');
    await userEvent.selectOptions(digest, 'SHA-256 only');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByRole('status');
    const sent = view.calls.find(([c]) => c === 'admin:update-company')![1] as { body: typeof company };
    expect(sent.body.security).toEqual({ ...company.security, sipDigestAlgorithms: 'sha-256' });
  });

  it('shows the country and time zone by name, and saves the codes', async () => {
    const view = await openConsoleAt('Company and security', {
      'admin:company': () => ok(company),
      'admin:update-company': (payload) => ok({ ...company, ...(payload as { body: object }).body }),
    });
    const country = await screen.findByLabelText('Country');
    expect((country as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('Spain');
    const zone = screen.getByLabelText('Time zone') as HTMLSelectElement;
    expect(zone.selectedOptions[0]!.textContent).toMatch(/^Europe\/Madrid \(GMT\+\d\)$/);
    // What the zone is for is said where it is chosen: the mail's times and the desk phones' clocks.
    const zoneHint = screen.getByText(/written in this zone, and the clocks of the desk phones/);
    expect(zoneHint.id).toBe(zone.getAttribute('aria-describedby'));
    await userEvent.selectOptions(country, 'France');
    await userEvent.selectOptions(zone, 'Europe/Paris');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await expectSaid('Company and security settings saved.');
    const sent = view.calls.find(([c]) => c === 'admin:update-company')![1] as { body: typeof company };
    expect([sent.body.country, sent.body.timeZone]).toEqual(['FR', 'Europe/Paris']);
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

  it('shows a plain admin the security settings read-only, says why, and saves the rest without them', async () => {
    const view = await openConsoleAt(
      'Company and security',
      {
        'admin:company': () => ok(company),
        'admin:update-company': () => ok(company),
      },
      { session: adminSession },
    );
    const threshold = await screen.findByLabelText('Failed sign-ins before lockout');
    expect(threshold).toHaveProperty('readOnly', true);
    expect(
      screen.getByText(
        'These settings bind every account, super administrators’ included: only a super administrator can change them.',
      ),
    ).toBeTruthy();
    await userEvent.type(threshold, '0');
    expect(threshold).toHaveProperty('value', String(company.security.lockoutThreshold));
    // A list cannot be read-only: the digest challenges are offered disabled.
    expect(screen.getByLabelText('SIP digest challenges')).toHaveProperty('disabled', true);
    const name = screen.getByLabelText('Company name');
    expect(name).toHaveProperty('readOnly', false);
    await userEvent.clear(name);
    await userEvent.type(name, 'Acme Europe');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await expectSaid('Company and security settings saved.');
    const sent = view.calls.find(([c]) => c === 'admin:update-company')![1] as {
      body: Record<string, unknown>;
    };
    expect(sent.body.name).toBe('Acme Europe');
    expect(sent.body).not.toHaveProperty('security');
  });

  it('lets a super admin change the security settings, with no note', async () => {
    await openConsoleAt('Company and security', { 'admin:company': () => ok(company) });
    expect(await screen.findByLabelText('Failed sign-ins before lockout')).toHaveProperty('readOnly', false);
    expect(screen.queryByText(/only a super administrator can change them/)).toBeNull();
  });

  it('lets a super admin change the caps on outside calls, premium numbers included', async () => {
    const view = await openConsoleAt('Company and security', {
      'admin:company': () => ok(company),
      'admin:update-company': () => ok(company),
    });
    const perUser = await screen.findByLabelText('Outside calls at once, per person');
    expect(perUser).toHaveProperty('value', '4');
    await userEvent.clear(perUser);
    await userEvent.type(perUser, '2');
    const minutes = screen.getByLabelText('International minutes a day (whole company)');
    await userEvent.clear(minutes);
    await userEvent.type(minutes, '90');
    await userEvent.click(screen.getByLabelText('Premium-rate numbers may be called'));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await expectSaid('Company and security settings saved.');
    const sent = view.calls.find(([c]) => c === 'admin:update-company')![1] as {
      body: Record<string, unknown>;
    };
    expect(sent.body.outsideCalls).toEqual({
      perUser: 2,
      total: 30,
      internationalMinutesPerDay: 90,
      premiumNumbersAllowed: true,
    });
  });

  it('shows a plain admin the caps on outside calls read-only and never sends them', async () => {
    const view = await openConsoleAt(
      'Company and security',
      {
        'admin:company': () => ok({ ...company, outsideCalls: { ...company.outsideCalls, total: 12 } }),
        'admin:update-company': () => ok(company),
      },
      { session: adminSession },
    );
    const total = await screen.findByLabelText('Outside calls at once, whole company');
    expect(total).toHaveProperty('value', '12');
    expect(total).toHaveProperty('readOnly', true);
    expect(screen.queryByLabelText('Premium-rate numbers may be called')).toBeNull();
    expect(screen.getByText('Premium-rate numbers are refused.')).toBeTruthy();
    expect(screen.getByText(/Only a super administrator can change the caps on outside calls/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await expectSaid('Company and security settings saved.');
    const sent = view.calls.find(([c]) => c === 'admin:update-company')![1] as {
      body: Record<string, unknown>;
    };
    expect(sent.body).not.toHaveProperty('outsideCalls');
  });
});
