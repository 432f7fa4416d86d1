import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ok, type ChannelAnswers } from '../../../test-support/render';
import { failure } from '../test-support/fixtures';
import { openConsoleAt } from '../test-support/open-console';

afterEach(cleanup);

const main = {
  id: 'n1',
  number: '+34911234567',
  label: 'Main line',
  routeType: 'receptionist' as const,
  routeTarget: '800',
  createdAt: '2026-11-01T09:00:00.000Z',
};

const openNumbers = (answers: ChannelAnswers) => openConsoleAt('Phone numbers', answers);

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
    await userEvent.type(within(form).getByLabelText('Extension or service number'), '104');
    await userEvent.click(within(form).getByRole('button', { name: 'Add number' }));
    expect((await within(form).findByRole('alert')).textContent).toBe(
      'This phone number is already in the office.',
    );
    expect(within(form).getByLabelText('Phone number').getAttribute('aria-invalid')).toBe('true');
    taken = false;
    await userEvent.click(within(form).getByRole('button', { name: 'Add number' }));
    expect((await screen.findByRole('status')).textContent).toBe('+34911000111 saved.');
    expect(view.calls.filter(([c]) => c === 'admin:create-phone-number').at(-1)![1]).toEqual({
      body: { number: '+34911000111', label: 'Sales', routeType: 'extension', routeTarget: '104' },
    });
  });

  it('changes where a number rings', async () => {
    const view = await openNumbers({
      'admin:list-phone-numbers': () => ok({ items: [main] }),
      'admin:update-phone-number': () => ok({ ...main, routeType: 'ring-group', routeTarget: '600' }),
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Edit +34911234567' }));
    const form = screen.getByRole('dialog', { name: 'Edit +34911234567' });
    await userEvent.selectOptions(within(form).getByLabelText('Where it rings'), 'Ring group');
    const target = within(form).getByLabelText('Extension or service number');
    await userEvent.clear(target);
    await userEvent.type(target, '600');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await screen.findByRole('status');
    expect(view.calls.find(([c]) => c === 'admin:update-phone-number')![1]).toEqual({
      id: 'n1',
      body: { number: '+34911234567', label: 'Main line', routeType: 'ring-group', routeTarget: '600' },
    });
  });
});
