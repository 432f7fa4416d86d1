import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Trunk } from '../../../../../common/api/trunks';
import { ok, renderWithApp } from '../../../test-support/render';
import AdminConsole from '../AdminConsole';
import { adminSession, failure } from '../test-support/fixtures';
import { openConsoleAt } from '../test-support/open-console';
import { openSection } from '../test-support/open-section';
import { chooseAction } from '../test-support/row-menu';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const at = '2026-12-01T09:00:00.000Z';

const carrier: Trunk = {
  id: 't1',
  kind: 'registration',
  name: 'Carrier A',
  enabled: true,
  host: 'sip.carrier.example',
  port: 5080,
  transport: 'TCP',
  codecs: ['PCMU', 'PCMA', 'telephone-event'],
  dtmfMode: 'rfc4733',
  numberFormat: 'national',
  callerIdHeader: 'from',
  privacy: false,
  redirectionHeaders: ['history-info'],
  maxChannels: 30,
  order: 5,
  addresses: ['203.0.113.0/28'],
  registration: { username: 'office1', authUsername: null, domain: null, expires: 600, passwordSet: true },
  status: {
    state: 'failed',
    since: at,
    lastError: { code: 'wrong-credentials', detail: '403 Forbidden', at },
    retryAt: at,
    registeredUntil: null,
    channelsInUse: 2,
  },
  createdAt: at,
  updatedAt: at,
};

const backup: Trunk = {
  ...carrier,
  id: 't2',
  kind: 'ip',
  name: 'Backup',
  host: '198.51.100.7',
  port: null,
  transport: 'UDP',
  order: 20,
  registration: null,
  status: {
    ...carrier.status,
    state: 'checking',
    // The office's own words come from the code alone: nothing follows them.
    lastError: { code: 'tls-not-configured', detail: '', at },
    retryAt: null,
    channelsInUse: 0,
  },
};

const sent = (calls: [string, unknown][], channel: string) => calls.filter(([c]) => c === channel).at(-1)![1];

describe('TrunksPanel', () => {
  it('lists the trunks with how each is doing and the last error', async () => {
    await openConsoleAt('SIP trunks', { 'admin:list-trunks': () => ok({ items: [carrier, backup] }) });
    const row = (await screen.findByRole('cell', { name: 'Carrier A' })).closest('tr')!;
    const cells = within(row)
      .getAllByRole('cell')
      .map((cell) => cell.textContent);
    expect(cells).toEqual(
      expect.arrayContaining([
        'Registration (username and password)',
        'sip.carrier.example:5080 (TCP)',
        'Failed',
        '2 of 30 in use',
        'Wrong username or password (403 Forbidden)',
      ]),
    );
    const other = screen.getByRole('cell', { name: 'Backup' }).closest('tr')!;
    expect(within(other).getByRole('cell', { name: 'Checking…' })).toBeTruthy();
    expect(within(other).getByRole('cell', { name: 'The office has no TLS certificate' })).toBeTruthy();
    expect(within(other).getByRole('cell', { name: '198.51.100.7 (UDP)' })).toBeTruthy();
  });

  it('is not offered to a plain admin', async () => {
    await renderWithApp(<AdminConsole session={adminSession} />, {
      'admin:list-users': () => ok({ items: [], nextCursor: null }),
    });
    const nav = screen.getByRole('navigation');
    expect(within(nav).getByRole('button', { name: 'Company and security' })).toBeTruthy();
    expect(within(nav).queryByRole('button', { name: 'SIP trunks' })).toBeNull();
    expect(within(screen.getByLabelText('Section')).queryByRole('option', { name: 'SIP trunks' })).toBeNull();
  });

  it('adds a registration trunk with every setting, the password sent once', async () => {
    let refuseAddress = true;
    const view = await openConsoleAt('SIP trunks', {
      'admin:list-trunks': () => ok({ items: [] }),
      'admin:create-trunk': () =>
        refuseAddress ? failure('invalid_field', 'body.addresses.1') : ok({ ...carrier, name: 'Carrier B' }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Add trunk' }));
    const form = screen.getByRole('dialog', { name: 'Add trunk' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Carrier B');
    await userEvent.type(within(form).getByLabelText('Carrier’s registrar (host)'), 'sip.b.example');
    await userEvent.type(within(form).getByLabelText('Port'), '5061');
    await userEvent.selectOptions(within(form).getByLabelText('Transport'), 'TLS');
    await userEvent.type(within(form).getByLabelText('Username'), 'acme');
    await userEvent.type(within(form).getByLabelText('Authentication username'), 'acme-auth');
    const expires = within(form).getByLabelText('Registration lifetime (seconds)');
    await userEvent.clear(expires);
    await userEvent.type(expires, '300');
    await userEvent.type(within(form).getByLabelText('Password'), 's3cret!');
    await userEvent.type(within(form).getByLabelText('Carrier’s addresses'), '203.0.113.5\nnot an address');
    // PCMU unticked, G722 ticked: it goes last in the offer.
    await userEvent.click(within(form).getByLabelText('PCMU'));
    await userEvent.click(within(form).getByLabelText('G722'));
    expect(within(form).getByText('Offered in this order: PCMA, telephone-event, G722.')).toBeTruthy();
    await userEvent.selectOptions(within(form).getByLabelText('Keypad tones (DTMF)'), 'SIP INFO');
    await userEvent.selectOptions(
      within(form).getByLabelText('Number format the carrier wants'),
      'National, as dialled in the company’s country',
    );
    await userEvent.selectOptions(within(form).getByLabelText('Caller ID sent in'), 'The From header');
    await userEvent.click(within(form).getByLabelText(/honours Privacy/));
    await userEvent.click(within(form).getByLabelText('Diversion'));
    await userEvent.click(within(form).getByLabelText('History-Info'));
    const channels = within(form).getByLabelText('Channel limit (calls at once, in and out)');
    await userEvent.clear(channels);
    await userEvent.type(channels, '40');
    const order = within(form).getByLabelText('Order');
    await userEvent.clear(order);
    await userEvent.type(order, '1');
    await userEvent.click(within(form).getByRole('button', { name: 'Add trunk' }));
    await within(form).findByRole('alert');
    expect(within(form).getByLabelText('Carrier’s addresses').getAttribute('aria-invalid')).toBe('true');
    refuseAddress = false;
    await userEvent.click(within(form).getByRole('button', { name: 'Add trunk' }));
    expect((await screen.findByRole('status')).textContent).toBe('Carrier B saved.');
    expect(sent(view.calls, 'admin:create-trunk')).toEqual({
      body: {
        kind: 'registration',
        name: 'Carrier B',
        enabled: true,
        host: 'sip.b.example',
        port: 5061,
        transport: 'TLS',
        codecs: ['PCMA', 'telephone-event', 'G722'],
        dtmfMode: 'info',
        numberFormat: 'national',
        callerIdHeader: 'from',
        privacy: false,
        redirectionHeaders: ['history-info'],
        maxChannels: 40,
        order: 1,
        addresses: ['203.0.113.5', 'not an address'],
        registration: {
          username: 'acme',
          authUsername: 'acme-auth',
          domain: null,
          expires: 300,
          password: 's3cret!',
        },
      },
    });
  });

  it('edits a trunk without showing or resending its password, and keeps its kind', async () => {
    const view = await openConsoleAt('SIP trunks', {
      'admin:list-trunks': () => ok({ items: [carrier] }),
      'admin:update-trunk': () => ok(carrier),
    });
    await screen.findByRole('cell', { name: 'Carrier A' });
    await chooseAction('Carrier A', 'Edit');
    const form = screen.getByRole('dialog', { name: 'Edit Carrier A' });
    expect(within(form).getByLabelText('Kind')).toHaveProperty('disabled', true);
    const password = within(form).getByLabelText('Password') as HTMLInputElement;
    expect(password.value).toBe('');
    expect(password.required).toBe(false);
    expect(within(form).getByText(/A password is saved; it is never shown/)).toBeTruthy();
    expect(within(form).getByText('Offered in this order: PCMU, PCMA, telephone-event.')).toBeTruthy();
    const port = within(form).getByLabelText('Port');
    await userEvent.clear(port);
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('status')).textContent).toBe('Carrier A saved.');
    const { body } = sent(view.calls, 'admin:update-trunk') as { body: Record<string, unknown> };
    expect(body).not.toHaveProperty('kind');
    expect(body.port).toBeNull();
    expect(body.codecs).toEqual(['PCMU', 'PCMA', 'telephone-event']);
    expect(body.registration).toEqual({
      username: 'office1',
      authUsername: null,
      domain: null,
      expires: 600,
    });
  });

  it('sends no account for an IP trunk', async () => {
    const view = await openConsoleAt('SIP trunks', {
      'admin:list-trunks': () => ok({ items: [] }),
      'admin:create-trunk': () => ok(backup),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Add trunk' }));
    const form = screen.getByRole('dialog', { name: 'Add trunk' });
    await userEvent.selectOptions(within(form).getByLabelText('Kind'), 'IP (the carrier’s addresses)');
    expect(within(form).queryByLabelText('Password')).toBeNull();
    await userEvent.type(within(form).getByLabelText('Name'), 'Backup');
    await userEvent.type(within(form).getByLabelText('Where calls out go (host)'), '198.51.100.7');
    await userEvent.type(within(form).getByLabelText('Carrier’s addresses'), ' 198.51.100.7 \n\n');
    await userEvent.click(within(form).getByRole('button', { name: 'Add trunk' }));
    await screen.findByRole('status');
    const { body } = sent(view.calls, 'admin:create-trunk') as { body: Record<string, unknown> };
    expect(body).toMatchObject({ kind: 'ip', addresses: ['198.51.100.7'] });
    expect(body).not.toHaveProperty('registration');
  });

  describe('while it is open', () => {
    // Only the panel's refresh clock is the test's; the rest of the page keeps real time.
    const takeTheClock = () => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const registered: Trunk = {
      ...carrier,
      status: { ...carrier.status, state: 'registered', lastError: null, retryAt: null },
    };

    it('shows a trunk that registers, and its error cleared, without a reload', async () => {
      takeTheClock();
      let now = carrier;
      await openConsoleAt('SIP trunks', { 'admin:list-trunks': () => ok({ items: [now] }) });
      const row = (await screen.findByRole('cell', { name: 'Carrier A' })).closest('tr')!;
      expect(within(row).getByRole('cell', { name: 'Failed' })).toBeTruthy();

      now = registered;
      vi.advanceTimersByTime(5_000);
      expect(await within(row).findByRole('cell', { name: 'Registered' })).toBeTruthy();
      expect(within(row).queryByRole('cell', { name: /Wrong username or password/ })).toBeNull();
      expect(within(row).getByRole('cell', { name: '—' })).toBeTruthy();
    });

    it('asks nothing while another section is shown, and again once it is back', async () => {
      takeTheClock();
      const view = await openConsoleAt('SIP trunks', { 'admin:list-trunks': () => ok({ items: [carrier] }) });
      await screen.findByRole('cell', { name: 'Carrier A' });
      const asked = () => view.calls.filter(([channel]) => channel === 'admin:list-trunks').length;
      vi.advanceTimersByTime(5_000);
      await vi.waitFor(() => expect(asked()).toBe(2));

      await openSection('Users and extensions');
      vi.advanceTimersByTime(60_000);
      expect(asked()).toBe(2);

      await openSection('SIP trunks');
      await vi.waitFor(() => expect(asked()).toBe(3));
      vi.advanceTimersByTime(5_000);
      await vi.waitFor(() => expect(asked()).toBe(4));
    });
  });
});
