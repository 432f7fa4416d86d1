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
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const provisioning = {
  vendor: 'yealink' as const,
  url: 'http://office.example.com/provision/',
  username: 'p0123456789ab',
  lastFetch: null,
};
/** A Yealink the office provisions: it fetched its file 3 minutes ago and is registered. */
const yealink = device({
  id: 'd3',
  model: 'yealink-t54w',
  mac: '00:15:65:AA:BB:CC',
  extension: '102',
  blfKeys: ['101'],
  provisioning: {
    ...provisioning,
    lastFetch: {
      at: minutesAgo(3),
      address: '10.0.0.7',
      file: '001565aabbcc.cfg',
      userAgent: 'Yealink SIP-T54W 96.86.0.70 00:15:65:aa:bb:cc',
    },
  },
  registrations: [
    {
      transport: 'UDP',
      address: '10.0.0.7',
      port: 5062,
      registeredAt: minutesAgo(2),
      expiresAt: minutesAgo(-58),
    },
  ],
});
/** Just added: it has not fetched anything or registered yet. */
const fresh = device({
  id: 'd4',
  label: 'Lobby',
  model: 'grandstream-gxp1628',
  mac: 'C0:74:AD:00:00:01',
  provisioning: { ...provisioning, vendor: 'grandstream' },
});

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
    expect(rows.slice(1).map((row) => within(row).getAllByRole('cell')[1]!.textContent)).toEqual([
      '101',
      'Free',
    ]);
  });

  it('shows when each desk phone last fetched its configuration and where it is registered from', async () => {
    await openDevices({ 'admin:list-devices': () => ok({ items: [yealink, fresh, desk] }) });
    const rows = (await screen.findAllByRole('row')).slice(1);
    const cells = rows.map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    );
    // The device, with its kind, MAC address and SIP username under it.
    expect(cells.map((row) => row[0])).toEqual([
      'Yealink T54WDesk phone · 00:15:65:AA:BB:CC · dev-d3',
      'Lobby · Grandstream GXP1628Desk phone · C0:74:AD:00:00:01 · dev-d4',
      'Reception · Yealink T54WDesk phone · 00:15:65:aa:bb:cc · dev-d1',
    ]);
    expect(cells[0]!.slice(2, 4)).toEqual([
      '3 minutes ago · 001565aabbcc.cfg from 10.0.0.7',
      'UDP from 10.0.0.7:5062 · 2 minutes ago',
    ]);
    expect(cells[1]!.slice(2, 4)).toEqual(['Not yet', 'Not registered']);
    // A phone the office does not provision (its model typed by hand).
    expect(cells[2]!.slice(2, 4)).toEqual(['Set up by hand', 'Not registered']);
    expect(
      within(rows[0]!).getByText('3 minutes ago', { exact: false }).closest('[title]')?.getAttribute('title'),
    ).toBe('Yealink SIP-T54W 96.86.0.70 00:15:65:aa:bb:cc');
  });

  it('adds a desk phone by model and MAC, with its colleagues on BLF keys, and shows its provisioning credentials once', async () => {
    const created = {
      ...yealink,
      provisioning,
      registrations: [],
      sipPassword: 'S1p-password-once',
      provisioningPassword: 'Pr0v-password-once',
    };
    const view = await openDevices({
      'admin:list-devices': () => ok({ items: [] }),
      'admin:create-device': () => ok(created),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Add desk phone' }));
    const form = screen.getByRole('dialog', { name: 'Add desk phone' });
    // No BLF keys or transport until a model the office provisions is chosen.
    expect(within(form).queryByLabelText('Colleagues on keys (BLF)')).toBeNull();
    await userEvent.selectOptions(within(form).getByLabelText('Model'), 'Yealink T54W');
    expect(within(form).getByLabelText('MAC address').hasAttribute('required')).toBe(true);
    await userEvent.type(within(form).getByLabelText('MAC address'), '00-15-65-aa-bb-cc');
    await userEvent.type(within(form).getByLabelText('Extension'), '102');
    await userEvent.selectOptions(within(form).getByLabelText('SIP transport'), 'TCP');
    expect(within(form).getByText(/Keys on this model: 26\./)).toBeTruthy();
    await userEvent.type(within(form).getByLabelText('Colleagues on keys (BLF)'), '101, 103');
    await userEvent.click(within(form).getByRole('button', { name: 'Add desk phone' }));

    const shown = await screen.findByRole('dialog', { name: 'Desk phone credentials' });
    expect(within(shown).getByText('http://office.example.com/provision/')).toBeTruthy();
    expect(within(shown).getByText('p0123456789ab')).toBeTruthy();
    expect(within(shown).getByText('Pr0v-password-once')).toBeTruthy();
    expect(within(shown).getByText('S1p-password-once')).toBeTruthy();
    // Beside the SIP account, where the phone registers.
    expect(await within(shown).findByText('phones.example.com')).toBeTruthy();
    await userEvent.click(within(shown).getByRole('button', { name: 'Done' }));
    expect(screen.queryByText('Pr0v-password-once')).toBeNull();
    await expectSaid('Yealink T54W was added.');
    expect(view.calls.find(([c]) => c === 'admin:create-device')![1]).toEqual({
      body: {
        kind: 'desk-phone',
        model: 'yealink-t54w',
        mac: '00-15-65-aa-bb-cc',
        extension: '102',
        sipTransport: 'tcp',
        blfKeys: ['101', '103'],
      },
    });
  });

  it('edits a desk phone’s BLF keys, sending only what changed, and marks a key the office refused', async () => {
    let refuse = true;
    const view = await openDevices({
      'admin:list-devices': () => ok({ items: [yealink] }),
      'admin:update-device': () =>
        refuse ? failure('invalid_field', 'body.blfKeys.1') : ok({ ...yealink, blfKeys: ['101', '104'] }),
    });
    await chooseAction('Yealink T54W', 'Edit');
    const form = screen.getByRole('dialog', { name: 'Edit Yealink T54W' });
    const keys = within(form).getByLabelText('Colleagues on keys (BLF)');
    expect(keys).toHaveProperty('value', '101');
    await userEvent.type(keys, ', 999');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await within(form).findByRole('alert')).toBeTruthy();
    expect(keys.getAttribute('aria-invalid')).toBe('true');
    refuse = false;
    await userEvent.clear(keys);
    await userEvent.type(keys, '101 104');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await expectSaid('Yealink T54W saved.');
    expect(view.calls.filter(([c]) => c === 'admin:update-device').map(([, payload]) => payload)).toEqual([
      { id: 'd3', body: { blfKeys: ['101', '999'] } },
      { id: 'd3', body: { blfKeys: ['101', '104'] } },
    ]);
  });

  it('renews a desk phone’s provisioning password from its edit dialog and shows the new one', async () => {
    const view = await openDevices({
      'admin:list-devices': () => ok({ items: [yealink] }),
      'admin:update-device': () => ok({ ...yealink, provisioningPassword: 'N3w-provisioning' }),
    });
    await chooseAction('Yealink T54W', 'Edit');
    const form = screen.getByRole('dialog', { name: 'Edit Yealink T54W' });
    expect(within(form).getByText(/Its calls go on/)).toBeTruthy();
    await userEvent.click(within(form).getByLabelText('New provisioning password'));
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    const shown = await screen.findByRole('dialog', { name: 'Desk phone credentials' });
    expect(within(shown).getByText('N3w-provisioning')).toBeTruthy();
    expect(within(shown).queryByText('SIP password')).toBeNull();
    await userEvent.click(within(shown).getByRole('button', { name: 'Done' }));
    await expectSaid('Yealink T54W saved.');
    expect(view.calls.find(([c]) => c === 'admin:update-device')![1]).toEqual({
      id: 'd3',
      body: { regenerateProvisioningCredentials: true },
    });
  });

  it('offers no provisioning password for a phone set up by hand', async () => {
    await openDevices({ 'admin:list-devices': () => ok({ items: [desk] }) });
    await chooseAction('Reception', 'Edit');
    const form = screen.getByRole('dialog', { name: 'Edit Reception' });
    expect(within(form).queryByLabelText('New provisioning password')).toBeNull();
    // Its model was typed by hand: it stays another model, as typed.
    expect(within(form).getByLabelText('Model')).toHaveProperty('value', 'other');
    expect(within(form).getByLabelText('Model name')).toHaveProperty('value', 'Yealink T54W');
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
    await userEvent.selectOptions(within(form).getByLabelText('Model'), 'Another model (set up by hand)');
    await userEvent.type(within(form).getByLabelText('Model name'), 'Snom D785');
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

  it('sets an old phone to MD5 challenges, and back to the company’s', async () => {
    const old = device({ id: 'd3', model: 'Old phone', sipDigestAlgorithms: 'md5' });
    const view = await openDevices({
      'admin:list-devices': () => ok({ items: [spare, old] }),
      'admin:update-device': () => ok(spare),
    });
    await chooseAction('Snom D785', 'Digest challenges');
    let dialog = screen.getByRole('dialog', { name: 'Digest challenges of Snom D785' });
    const choice = within(dialog).getByLabelText('SIP digest challenges');
    expect(choice).toHaveProperty('value', 'company');
    await userEvent.selectOptions(choice, 'MD5 (every phone)');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await expectSaid('Snom D785 gets its new digest challenges from its next registration.');
    await chooseAction('Old phone', 'Digest challenges');
    dialog = screen.getByRole('dialog', { name: 'Digest challenges of Old phone' });
    await userEvent.selectOptions(
      within(dialog).getByLabelText('SIP digest challenges'),
      'As the company’s security settings',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(view.calls.filter(([c]) => c === 'admin:update-device')).toHaveLength(2));
    expect(view.calls.filter(([c]) => c === 'admin:update-device').map(([, payload]) => payload)).toEqual([
      { id: 'd2', body: { sipDigestAlgorithms: 'md5' } },
      { id: 'd3', body: { sipDigestAlgorithms: null } },
    ]);
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
    await openConsoleAt(
      'Appareils',
      { 'admin:list-devices': () => ok({ items: [softphone] }) },
      { language: 'fr' },
    );
    // Its name, then its kind and SIP username on the line under it.
    expect((await screen.findAllByRole('cell'))[0]!.textContent).toBe(
      'Softphone du poste 104Softphone · dev-d3',
    );
    expect(screen.getByRole('button', { name: 'Actions pour Softphone du poste 104' })).toBeTruthy();
  });
});
