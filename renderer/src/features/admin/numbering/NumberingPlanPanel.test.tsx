import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { FEATURE_CODES } from '../../../../../common/api/feature-codes';
import { ok } from '../../../test-support/render';
import { openConsoleAt } from '../test-support/open-console';

afterEach(cleanup);

const plan = {
  extensionLength: 3,
  ranges: {
    extension: { first: '100', last: '599' },
    'ring-group': { first: '600', last: '699' },
    receptionist: { first: '700', last: '799' },
    conference: { first: '800', last: '899' },
  },
  featureCodes: [...FEATURE_CODES],
  conflicts: [],
  updatedAt: '2026-12-01T09:00:00.000Z',
};

describe('NumberingPlanPanel', () => {
  it('changes a range and saves the whole plan; lists the feature codes read only', async () => {
    const view = await openConsoleAt('Numbering plan', {
      'admin:numbering-plan': () => ok(plan),
      'admin:change-numbering-plan': (payload) => ok({ ...plan, ...(payload as { body: object }).body }),
    });
    const groups = await screen.findByRole('group', { name: 'Ring groups' });
    const last = within(groups).getByLabelText('To');
    await userEvent.clear(last);
    await userEvent.type(last, '649');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findAllByText('Numbering plan saved.')).length).toBeGreaterThan(0);
    expect(view.calls.filter(([c]) => c === 'admin:change-numbering-plan').at(-1)![1]).toEqual({
      body: { extensionLength: 3, ranges: { ...plan.ranges, 'ring-group': { first: '600', last: '649' } } },
    });
    const codes = screen.getByRole('table');
    expect(within(codes).getByRole('row', { name: /\*97/ }).textContent).toContain('your own voicemail');
    expect(within(codes).getByRole('row', { name: /\*45 \+ extension/ }).textContent).toContain(
      'Log in to a ring group',
    );
  });

  it('shows the extensions a refused plan would leave out, each with its kind and owner', async () => {
    await openConsoleAt('Numbering plan', {
      'admin:numbering-plan': () => ok(plan),
      'admin:change-numbering-plan': () => ({
        ok: false as const,
        error: {
          code: 'numbering_conflict' as const,
          message: 'outside',
          conflicts: [
            { kind: 'extension', number: '101', name: 'Ana Ruiz', reason: 'length' },
            { kind: 'ring-group', number: '600', name: 'Sales', reason: 'length' },
          ],
        },
      }),
    });
    const length = await screen.findByLabelText('Digits in an extension');
    await userEvent.clear(length);
    await userEvent.type(length, '4');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('would fall outside the numbering plan');
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      'User 101 (Ana Ruiz) — another number of digits',
      'Ring group 600 (Sales) — another number of digits',
    ]);
  });

  it('says which extensions are already outside the plan', async () => {
    await openConsoleAt('Numbering plan', {
      'admin:numbering-plan': () =>
        ok({ ...plan, conflicts: [{ kind: 'extension', number: '950', name: 'Old Fax', reason: 'range' }] }),
    });
    expect((await screen.findByText(/outside the numbering plan/)).textContent).toContain(
      'User 950 (Old Fax) — outside its range',
    );
  });
});
