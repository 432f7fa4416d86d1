import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ok, type ChannelAnswers } from '../../../test-support/render';
import { deferred, device, failure } from '../test-support/fixtures';
import { openConsoleAt } from '../test-support/open-console';
import { chooseAction, expectSaid } from '../test-support/row-menu';

afterEach(cleanup);

const desk = device({ id: 'd1', label: 'Reception', extension: '101', mac: '00:15:65:aa:bb:cc' });
const spare = device({ id: 'd2', model: 'Snom D785' });

const sipServer = {
  address: 'phones.example.com',
  domain: 'office.example.com',
  transports: [
    { transport: 'udp', port: 5060 },
    { transport: 'tcp', port: 5060 },
    { transport: 'tls', port: 5061 },
  ],
};

const openDevices = (answers: ChannelAnswers) =>
  openConsoleAt('Devices', { 'admin:sip-server': () => ok(sipServer), ...answers });
/** What the credentials dialog gives for a term ("Server address"). */
const shownOf = (dialog: HTMLElement, term: string) =>
  within(dialog).getByText(term, { selector: 'dt' }).nextElementSibling?.textContent;
/** What the credentials dialog gives as the definition of the term "SIP password". */
const shownSipPassword = (dialog: HTMLElement) =>
  within(dialog).getByText('SIP password', { selector: 'dt' }).nextElementSibling?.textContent;

describe('DevicesPanel', () => {
  it('loads, then lists devices with where they ring', async () => {
    const answer = deferred<ReturnType<typeof ok>>();
    await openDevices({ 'admin:list-devices': () => answer.promise });
    expect(screen.getByRole('status', { name: 'Loading' })).toBeTruthy();
    answer.resolve(ok({ items: [desk, spare] }));
    const rows = await screen.findAllByRole('row');
    expect(rows.slice(1).map((row) => within(row).getAllByRole('cell')[4]!.textContent)).toEqual([
      '101',
      'Free',
    ]);
  });

  it('shows the free pool through the API filter, and says when it is empty', async () => {
    const view = await openDevices({
      'admin:list-devices': (payload) =>
        ok({ items: (payload as { query?: { assigned: boolean } }).query?.assigned === false ? [] : [desk] }),
    });
    await screen.findByRole('cell', { name: '101' });
    await userEvent.selectOptions(screen.getByLabelText('Show'), 'Free devices');
    expect(await screen.findByText(/No device is free/)).toBeTruthy();
    expect(view.calls.at(-1)).toEqual(['admin:list-devices', { query: { assigned: false } }]);
  });

  it('explains a failure and the offline state', async () => {
    await openDevices({ 'admin:list-devices': () => failure('offline') });
    expect((await screen.findByRole('alert')).textContent).toContain('cannot be reached');
  });

  it('adds a desk phone and shows its SIP password once, with copy', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const view = await openDevices({
      'admin:list-devices': () => ok({ items: [] }),
      'admin:create-device': () => ok({ ...spare, label: 'Lobby', sipPassword: 'S3cret-sip-pw' }),
    });
    expect(await screen.findByText(/No devices yet/)).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Add desk phone' }));
    const form = screen.getByRole('dialog', { name: 'Add desk phone' });
    await userEvent.type(within(form).getByLabelText('Model'), 'Snom D785');
    await userEvent.type(within(form).getByLabelText('Label'), 'Lobby');
    await userEvent.type(within(form).getByLabelText('MAC address'), '00:04:13:11:22:33');
    await userEvent.click(within(form).getByRole('button', { name: 'Add desk phone' }));
    const shown = await screen.findByRole('dialog', { name: 'SIP credentials' });
    expect(shownSipPassword(shown)).toContain('S3cret-sip-pw');
    await userEvent.click(within(shown).getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith('S3cret-sip-pw');
    expect(within(shown).getByRole('button', { name: 'Copied' })).toBeTruthy();
    // Everything else the phone needs, from the office.
    expect(await within(shown).findByText('phones.example.com')).toBeTruthy();
    expect(shownOf(shown, 'SIP domain')).toBe('office.example.com');
    expect(
      within(shown)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['UDP on port 5060', 'TCP on port 5060', 'TLS on port 5061']);
    await userEvent.click(within(shown).getByRole('button', { name: 'Done' }));
    expect(screen.queryByText('S3cret-sip-pw')).toBeNull();
    await expectSaid('Lobby was added.');
    expect(view.calls.find(([c]) => c === 'admin:create-device')![1]).toEqual({
      body: { kind: 'desk-phone', model: 'Snom D785', label: 'Lobby', mac: '00:04:13:11:22:33' },
    });
  });

  it('assigns a device from the pool to an extension', async () => {
    const view = await openDevices({
      'admin:list-devices': () => ok({ items: [spare] }),
      'admin:update-device': () => ok(spare),
    });
    await chooseAction('Snom D785', 'Assign');
    const dialog = screen.getByRole('dialog', { name: 'Assign Snom D785' });
    await userEvent.type(within(dialog).getByLabelText('Extension'), '104');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Assign' }));
    await expectSaid('Snom D785 now rings for its new extension.');
    expect(view.calls.find(([c]) => c === 'admin:update-device')![1]).toEqual({
      id: 'd2',
      body: { extension: '104' },
    });
  });

  it('makes an assigned device free after saying what changes', async () => {
    const view = await openDevices({
      'admin:list-devices': () => ok({ items: [desk] }),
      'admin:update-device': () => ok({ ...desk, extension: null }),
    });
    await chooseAction('Reception', 'Make free');
    const dialog = screen.getByRole('alertdialog', { name: 'Make Reception free?' });
    expect(within(dialog).getByText(/stops ringing for extension 101/)).toBeTruthy();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Make free' }));
    await expectSaid('Reception is free again.');
    expect(view.calls.find(([c]) => c === 'admin:update-device')![1]).toEqual({
      id: 'd1',
      body: { extension: null },
    });
  });

  it('renews SIP credentials after a warning and shows the new password', async () => {
    const view = await openDevices({
      'admin:list-devices': () => ok({ items: [desk] }),
      'admin:update-device': () => ok({ ...desk, sipUsername: 'dev-new', sipPassword: 'Fresh-sip-pw' }),
    });
    await chooseAction('Reception', 'New SIP password');
    const confirm = screen.getByRole('alertdialog', { name: 'New SIP password for Reception?' });
    expect(within(confirm).getByText(/stop working at once/)).toBeTruthy();
    await userEvent.click(within(confirm).getByRole('button', { name: 'New SIP password' }));
    const shown = await screen.findByRole('dialog', { name: 'SIP credentials' });
    expect(within(shown).getByText('dev-new')).toBeTruthy();
    expect(shownSipPassword(shown)).toContain('Fresh-sip-pw');
    expect(view.calls.find(([c]) => c === 'admin:update-device')![1]).toEqual({
      id: 'd1',
      body: { regenerateCredentials: true },
    });
  });

  it('keeps a refused delete in its dialog, in words', async () => {
    await openDevices({
      'admin:list-devices': () => ok({ items: [desk] }),
      'admin:delete-device': () => failure('forbidden'),
    });
    await chooseAction('Reception', 'Delete');
    const dialog = screen.getByRole('alertdialog', { name: 'Delete Reception?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'Only a super administrator can do this.',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
  });

  it('keeps the password shown when where phones register cannot be loaded, and tries again', async () => {
    let attempts = 0;
    await openDevices({
      'admin:list-devices': () => ok({ items: [desk] }),
      'admin:update-device': () => ok({ ...desk, sipPassword: 'Fresh-sip-pw' }),
      'admin:sip-server': () => (++attempts === 1 ? failure('offline') : ok(sipServer)),
    });
    await chooseAction('Reception', 'New SIP password');
    await userEvent.click(
      within(screen.getByRole('alertdialog')).getByRole('button', { name: 'New SIP password' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'SIP credentials' });
    expect((await within(dialog).findByRole('alert')).textContent).toContain('cannot be reached');
    expect(shownSipPassword(dialog)).toContain('Fresh-sip-pw');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Try again' }));
    expect(await within(dialog).findByText('phones.example.com')).toBeTruthy();
  });

  it('names an app’s softphone by its extension, in the reader’s language', async () => {
    const softphone = device({ id: 'd3', kind: 'softphone', model: 'Switchboard', extension: '104' });
    await openConsoleAt('Appareils', { 'admin:list-devices': () => ok({ items: [softphone] }) }, { language: 'fr' });
    expect(await screen.findByRole('cell', { name: 'Softphone du poste 104' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Actions pour Softphone du poste 104' })).toBeTruthy();
  });
});
