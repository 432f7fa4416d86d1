import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ok, type ChannelAnswers } from '../../../test-support/render';
import { failure } from '../test-support/fixtures';
import { openConsoleAt } from '../test-support/open-console';
import { chooseAction, expectSaid } from '../test-support/row-menu';

afterEach(cleanup);

const main = {
  id: 'n1',
  number: '+34911234567',
  label: 'Main line',
  routeType: 'receptionist' as const,
  routeTarget: '800',
  createdAt: '2026-11-01T09:00:00.000Z',
};

/** What the office has for a number to ring: two extensions (no ring group etc. exists yet). */
const targets = {
  items: [
    { kind: 'extension', number: '104', name: 'Lucía García-Pérez' },
    { kind: 'extension', number: '105', name: 'Zoë Brontë-Ødegaard' },
  ],
};

const openNumbers = (answers: ChannelAnswers) =>
  openConsoleAt('Phone numbers', { 'admin:route-targets': () => ok(targets), ...answers });

describe('NumbersPanel', () => {
  it('lists numbers with where they ring', async () => {
    await openNumbers({ 'admin:list-phone-numbers': () => ok({ items: [main] }) });
    expect(await screen.findByRole('cell', { name: 'Virtual receptionist 800' })).toBeTruthy();
  });

  it('explains a failure, then says what to do when there are none', async () => {
    let fail = true;
    await openNumbers({
      'admin:list-phone-numbers': () => (fail ? failure('internal_error') : ok({ items: [] })),
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Something went wrong');
    fail = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(/No phone numbers yet/)).toBeTruthy();
  });

  it('adds a number routed to an extension, and shows a refused duplicate in words', async () => {
    let taken = true;
    const view = await openNumbers({
      'admin:list-phone-numbers': () => ok({ items: [] }),
      'admin:create-phone-number': (payload) =>
        taken ? failure('number_taken') : ok({ ...main, ...(payload as { body: object }).body, id: 'n2' }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Add number' }));
    const form = screen.getByRole('dialog', { name: 'Add phone number' });
    await userEvent.type(within(form).getByLabelText('Phone number'), '34911000111');
    await userEvent.type(within(form).getByLabelText('Label'), 'Sales');
    const where = await within(form).findByLabelText('Where it rings');
    // Only what exists, grouped by kind.
    expect(
      within(where)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Choose where it rings', '104 · Lucía García-Pérez', '105 · Zoë Brontë-Ødegaard']);
    expect(within(where).getByRole('group', { name: 'Extension' })).toBeTruthy();
    expect(within(form).getByRole('button', { name: 'Add number' })).toHaveProperty('disabled', true);
    await userEvent.selectOptions(where, '104 · Lucía García-Pérez');
    await userEvent.click(within(form).getByRole('button', { name: 'Add number' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'This phone number is already in the office.',
    );
    expect(within(form).getByLabelText('Phone number').getAttribute('aria-invalid')).toBe('true');
    taken = false;
    await userEvent.click(within(form).getByRole('button', { name: 'Add number' }));
    await expectSaid('+34911000111 saved.');
    expect(view.calls.filter(([c]) => c === 'admin:create-phone-number').at(-1)![1]).toEqual({
      body: { number: '+34911000111', label: 'Sales', routeType: 'extension', routeTarget: '104' },
    });
  });

  it('routes a number straight to a voicemail box, a person’s or a ring group’s, and says so in the list', async () => {
    const boxes = {
      items: [
        ...targets.items,
        { kind: 'ring-group', number: '600', name: 'Sales' },
        { kind: 'voicemail', number: '104', name: 'Lucía García-Pérez' },
        { kind: 'voicemail', number: '600', name: 'Sales' },
      ],
    };
    const boxed = { ...main, id: 'n3', routeType: 'voicemail' as const, routeTarget: '104' };
    const view = await openNumbers({
      'admin:route-targets': () => ok(boxes),
      'admin:list-phone-numbers': () => ok({ items: [boxed] }),
      'admin:create-phone-number': (payload) =>
        ok({ ...boxed, ...(payload as { body: object }).body, id: 'n4' }),
    });
    expect(await screen.findByRole('cell', { name: 'Voicemail box 104' })).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Add number' }));
    const form = screen.getByRole('dialog', { name: 'Add phone number' });
    await userEvent.type(within(form).getByLabelText('Phone number'), '34911000222');
    const where = await within(form).findByLabelText('Where it rings');
    const group = within(where).getByRole('group', { name: 'Voicemail box' });
    expect(
      within(group)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['104 · Lucía García-Pérez', '600 · Sales']);
    await userEvent.selectOptions(where, within(group).getByRole('option', { name: '600 · Sales' }));
    await userEvent.click(within(form).getByRole('button', { name: 'Add number' }));
    await expectSaid('+34911000222 saved.');
    expect(view.calls.filter(([c]) => c === 'admin:create-phone-number').at(-1)![1]).toEqual({
      body: { number: '+34911000222', label: '', routeType: 'voicemail', routeTarget: '600' },
    });
  });

  it('shows a target that is gone as it is, and moves the number to one that exists', async () => {
    const view = await openNumbers({
      'admin:list-phone-numbers': () => ok({ items: [main] }),
      'admin:update-phone-number': () => ok({ ...main, routeType: 'extension', routeTarget: '105' }),
    });
    await chooseAction('+34911234567', 'Edit');
    const form = screen.getByRole('dialog', { name: 'Edit +34911234567' });
    const where = await within(form).findByLabelText('Where it rings');
    expect((where as HTMLSelectElement).selectedOptions[0]!.textContent).toBe(
      'Virtual receptionist 800 (no longer exists)',
    );
    await userEvent.selectOptions(where, '105 · Zoë Brontë-Ødegaard');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await expectSaid('+34911234567 saved.');
    expect(view.calls.find(([c]) => c === 'admin:update-phone-number')![1]).toEqual({
      id: 'n1',
      body: { number: '+34911234567', label: 'Main line', routeType: 'extension', routeTarget: '105' },
    });
  });

  it('says when the targets cannot be loaded, and sends nothing until they are', async () => {
    let attempts = 0;
    await openNumbers({
      'admin:list-phone-numbers': () => ok({ items: [] }),
      'admin:route-targets': () => (++attempts === 1 ? failure('offline') : ok(targets)),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Add number' }));
    const form = screen.getByRole('dialog', { name: 'Add phone number' });
    const alert = await within(form).findByRole('alert');
    expect(alert.textContent).toContain('cannot be reached');
    expect(within(form).getByRole('button', { name: 'Add number' })).toHaveProperty('disabled', true);
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await within(form).findByLabelText('Where it rings')).toBeTruthy();
  });
});
