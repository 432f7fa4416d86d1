import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '../../../test-support/render';
import { DEFAULT_SETTINGS } from '../../../../../common/ipc/domains/settings';
import { failure } from '../test-support/fixtures';
import { openConsoleAt } from '../test-support/open-console';
import { chooseAction } from '../test-support/row-menu';

afterEach(cleanup);
beforeEach(() => {
  let made = 0;
  URL.createObjectURL = () => `blob:local-${++made}`;
  URL.revokeObjectURL = () => undefined;
});

const sales = {
  id: 'rg1',
  name: 'Sales',
  extension: '600',
  strategy: 'round-robin' as const,
  memberRingSeconds: 20,
  groupRingSeconds: 60,
  skipBusy: true,
  overflowType: 'voicemail' as const,
  overflowTarget: null,
  callerHears: 'ringing' as const,
  musicId: null,
  members: [
    { extension: '101', name: 'Ana Ruiz', loggedIn: true },
    { extension: '102', name: 'Ben Ode', loggedIn: false },
  ],
  createdAt: '2026-11-01T09:00:00.000Z',
};

describe('RingGroupsPanel', () => {
  it('lists groups with their extension, how they ring, their members and overflow', async () => {
    await openConsoleAt('Ring groups', { 'admin:list-ring-groups': () => ok({ items: [sales] }) });
    expect(await screen.findByRole('cell', { name: 'Round robin' })).toBeTruthy();
    expect(screen.getByRole('cell', { name: '600' })).toBeTruthy();
    expect(screen.getByRole('cell', { name: 'Ana Ruiz, Ben Ode' })).toBeTruthy();
    expect(screen.getByRole('cell', { name: 'Voicemail of the group' })).toBeTruthy();
  });

  it('says what a ring group is when there is none', async () => {
    await openConsoleAt('Ring groups', { 'admin:list-ring-groups': () => ok({ items: [] }) });
    expect(await screen.findByText(/rings several colleagues/)).toBeTruthy();
  });

  it('adds a hunt group with members picked from colleagues and an overflow picked from the destinations', async () => {
    let taken = true;
    const targets = {
      items: [
        { kind: 'extension', number: '101', name: 'Ana Ruiz' },
        { kind: 'extension', number: '102', name: 'Ben Ode' },
        { kind: 'extension', number: '103', name: 'Cleo Marsh' },
        { kind: 'extension', number: '104', name: 'Dev Patel' },
        { kind: 'ring-group', number: '601', name: 'Support' },
        { kind: 'voicemail', number: '104', name: 'Dev Patel' },
      ],
    };
    const view = await openConsoleAt('Ring groups', {
      'admin:list-ring-groups': () => ok({ items: [] }),
      'admin:route-targets': () => ok(targets),
      'admin:create-ring-group': () => (taken ? failure('extension_taken', 'body.extension') : ok(sales)),
      'admin:list-music': () =>
        ok({
          items: [
            { id: 'm1', name: 'Jazz', durationSeconds: 60, isDefault: false, createdAt: sales.createdAt },
          ],
        }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Add ring group' }));
    const form = screen.getByRole('dialog', { name: 'Add ring group' });
    await userEvent.type(within(form).getByLabelText('Name'), 'Support');
    await userEvent.type(within(form).getByLabelText('Extension'), '650');
    // Members are found by name or extension, never typed as numbers.
    const search = within(form).getByLabelText('Add a member');
    await userEvent.type(search, 'ana');
    await userEvent.click(await within(form).findByRole('button', { name: 'Add Ana Ruiz (101)' }));
    await userEvent.type(search, '103');
    await userEvent.click(within(form).getByRole('button', { name: 'Add Cleo Marsh (103)' }));
    await userEvent.type(search, 'ode');
    await userEvent.click(within(form).getByRole('button', { name: 'Add Ben Ode (102)' }));
    await userEvent.type(search, 'zz');
    expect(within(form).getByText('No colleague matches.')).toBeTruthy();
    await userEvent.clear(search);
    // Ben rings before Cleo; Ana leaves the group again.
    await userEvent.click(within(form).getByRole('button', { name: 'Move Ben Ode up' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Remove Ana Ruiz' }));
    await userEvent.selectOptions(within(form).getByLabelText('How it rings'), 'In order');
    const memberSeconds = within(form).getByLabelText('Seconds ringing each member');
    await userEvent.clear(memberSeconds);
    await userEvent.type(memberSeconds, '15');
    await userEvent.click(within(form).getByLabelText('Skip members on a call or in do not disturb'));
    const overflow = within(form).getByLabelText('If nobody answers') as HTMLSelectElement;
    expect(overflow.value).toBe('');
    expect(within(overflow).getByRole('option', { name: 'Voicemail of the group' })).toBeTruthy();
    // The group's own box is the empty choice; another's box is not where a group overflows.
    expect(within(overflow).queryByRole('group', { name: 'Voicemail box' })).toBeNull();
    await userEvent.selectOptions(overflow, '104 · Dev Patel');
    await userEvent.selectOptions(within(form).getByLabelText('Callers hear while it rings'), 'Music');
    expect(within(form).getByLabelText('Music')).toHaveProperty('value', '');
    await userEvent.selectOptions(within(form).getByLabelText('Music'), 'Jazz');
    await userEvent.click(within(form).getByRole('button', { name: 'Add ring group' }));
    await within(form).findByRole('alert');
    expect(within(form).getByLabelText('Extension').getAttribute('aria-invalid')).toBe('true');
    taken = false;
    await userEvent.click(within(form).getByRole('button', { name: 'Add ring group' }));
    expect((await screen.findByRole('status')).textContent).toBe('Sales saved.');
    expect(view.calls.filter(([c]) => c === 'admin:create-ring-group').at(-1)![1]).toEqual({
      body: {
        name: 'Support',
        extension: '650',
        strategy: 'hunt',
        memberRingSeconds: 15,
        groupRingSeconds: 60,
        skipBusy: false,
        members: ['102', '103'],
        overflowType: 'extension',
        overflowTarget: '104',
        callerHears: 'music',
        musicId: 'm1',
      },
    });
  });

  it('keeps a group a phone number still rings, saying why and listing what uses it', async () => {
    await openConsoleAt('Ring groups', {
      'admin:list-ring-groups': () => ok({ items: [sales] }),
      'admin:delete-ring-group': () => ({
        ok: false as const,
        error: {
          code: 'in_use' as const,
          message: 'in use',
          conflicts: [
            { kind: 'phone-number', number: '+34911230001', name: 'Main line' },
            { kind: 'forwarding', number: '104', name: 'Dev Patel' },
          ],
        },
      }),
    });
    await chooseAction('Sales', 'Delete');
    const dialog = screen.getByRole('alertdialog', { name: 'Delete Sales?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('still in use');
    const uses = within(dialog).getByRole('list', { name: 'What stands in the way' });
    expect(
      within(uses)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Phone number +34911230001 (Main line)', 'Forwarding of 104 (Dev Patel)']);
  });

  it.each([
    {
      language: 'en' as const,
      section: 'Ring groups',
      action: 'Voicemail box',
      title: 'Voicemail box of Sales',
      noPin: 'No PIN yet: the box does not open from a phone until one is set.',
      hasPin: 'A PIN is set: the box opens from any phone with it.',
      own: 'Callers hear the group’s own greeting.',
      pin: 'New PIN',
      confirm: 'Confirm PIN',
      save: 'Save PIN',
      easyExtension: 'Too easy to guess: the group’s extension number',
      saved: 'The group’s voicemail PIN is saved.',
      useStandard: 'Use the standard greeting',
      standardNow: 'Callers now hear the standard greeting.',
    },
    {
      language: 'fr' as const,
      section: 'Groupes d’appels',
      action: 'Messagerie vocale',
      title: 'Messagerie vocale de Sales',
      noPin:
        'Pas encore de code : la messagerie ne s’ouvre pas depuis un téléphone tant qu’il n’est pas défini.',
      hasPin: 'Un code est défini : la messagerie s’ouvre avec lui depuis n’importe quel téléphone.',
      own: 'Les appelants entendent le message d’accueil propre au groupe.',
      pin: 'Nouveau code',
      confirm: 'Confirmer le code',
      save: 'Enregistrer le code',
      easyExtension: 'Trop facile à deviner : le numéro de poste du groupe',
      saved: 'Le code de la messagerie du groupe est enregistré.',
      useStandard: 'Utiliser le message d’accueil standard',
      standardNow: 'Vos correspondants entendent maintenant le message d’accueil standard.',
    },
  ])('sets up the group’s shared voicemail box: its PIN and its greeting ($language)', async (words) => {
    let hasPin = false;
    let own = true;
    // A group on four digits: its extension is a PIN too easy to guess.
    const group = { ...sales, extension: '6100' };
    const view = await openConsoleAt(
      words.section,
      {
        'settings:get': () => ok(DEFAULT_SETTINGS),
        'admin:list-ring-groups': () => ok({ items: [group] }),
        'admin:ring-group-voicemail': () => ok({ hasPin, ownGreeting: own }),
        'admin:ring-group-greeting': () => ok(own ? { data: btoa('RIFF'), audioType: 'audio/wav' } : null),
        'admin:set-ring-group-pin': () => ((hasPin = true), ok(null)),
        'admin:delete-ring-group-greeting': () => ((own = false), ok(null)),
      },
      { language: words.language },
    );
    await chooseAction('Sales', words.action);
    const dialog = screen.getByRole('dialog', { name: words.title });
    expect((await within(dialog).findByText(words.noPin)).textContent).toBe(words.noPin);
    expect(await within(dialog).findByText(words.own)).toBeTruthy();

    // The group's extension is as easy to guess as a person's own.
    // How members reach the box by phone, with the group's extension.
    expect(within(dialog).getByText(/\*98, (then|puis) 6100 /)).toBeTruthy();
    await userEvent.type(within(dialog).getByLabelText(words.pin), '6100');
    expect(within(dialog).getByText(words.easyExtension)).toBeTruthy();
    await userEvent.clear(within(dialog).getByLabelText(words.pin));
    await userEvent.type(within(dialog).getByLabelText(words.pin), '480273');
    await userEvent.type(within(dialog).getByLabelText(words.confirm), '480273');
    await userEvent.click(within(dialog).getByRole('button', { name: words.save }));
    expect(await within(dialog).findByText(words.hasPin)).toBeTruthy();
    expect(within(dialog).getAllByText(words.saved).length).toBeGreaterThan(0);
    expect(view.calls.filter(([channel]) => channel === 'admin:set-ring-group-pin')).toEqual([
      ['admin:set-ring-group-pin', { id: 'rg1', body: { pin: '480273' } }],
    ]);

    await userEvent.click(within(dialog).getByRole('button', { name: words.useStandard }));
    const ask = screen.getByRole('alertdialog');
    await userEvent.click(within(ask).getByRole('button', { name: words.useStandard }));
    expect((await within(dialog).findAllByText(words.standardNow)).length).toBeGreaterThan(0);
    expect(view.calls.filter(([channel]) => channel === 'admin:delete-ring-group-greeting')).toEqual([
      ['admin:delete-ring-group-greeting', { id: 'rg1' }],
    ]);
  });
});
