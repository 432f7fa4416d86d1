import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OfficeCall } from '../../../../../common/api/usage';
import { ok } from '../../../test-support/render';
import { deferred, failure } from '../test-support/fixtures';
import { openConsoleAt } from '../test-support/open-console';

const call = (id: string, overrides: Partial<OfficeCall> = {}): OfficeCall => ({
  id,
  callerNumber: '101',
  calleeNumber: '102',
  startedAt: '2026-11-20T10:00:00.000Z',
  answeredAt: '2026-11-20T10:00:05.000Z',
  endedAt: '2026-11-20T10:01:10.000Z',
  durationSeconds: 65,
  result: 'answered',
  answeredByNumber: null,
  fault: null,
  ...overrides,
});
const totals = {
  calls: 1234,
  results: { answered: 1000, missed: 200, busy: 20, voicemail: 10, failed: 3, cancelled: 1 },
  talkSeconds: 3 * 3600 + 25 * 60 + 2,
};

// jsdom's Blob has no text(): read it as a browser without it would.
const readText = (blob: Blob) =>
  new Promise<string>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(blob);
  });

let downloaded: Blob[] = [];
beforeEach(() => {
  downloaded = [];
  URL.createObjectURL = (blob: Blob) => {
    downloaded.push(blob);
    return 'blob:call-log';
  };
  URL.revokeObjectURL = () => undefined;
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('CallLogPanel', () => {
  it('shows loading, then the calls and the period totals in the user language', async () => {
    const answer = deferred<ReturnType<typeof ok>>();
    await openConsoleAt('Call log', { 'admin:call-log': () => answer.promise });
    expect(screen.getByRole('status', { name: 'Loading' })).toBeTruthy();
    answer.resolve(
      ok({
        items: [
          call('c1'),
          call('c2', { result: 'voicemail', fault: 'media-not-acceptable' }),
          call('c3', { calleeNumber: '600', answeredByNumber: '103' }),
        ],
        nextCursor: null,
        totals,
      }),
    );
    const totalsBox = await screen.findByLabelText('Totals for the period');
    // Every result has its count, and the talk time is a duration in words.
    const shown = within(totalsBox)
      .getAllByRole('term')
      .map((term) => `${term.textContent}: ${term.nextElementSibling!.textContent}`);
    expect(shown).toEqual([
      'Calls: 1,234',
      'Answered: 1,000',
      'Missed: 200',
      'Busy: 20',
      'Failed: 3',
      'Cancelled: 1',
      'Voicemail: 10',
      'Talk time: 3 hr, 25 min, 2 sec',
    ]);
    const row = screen.getAllByRole('row')[1]!;
    expect(
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent)
        .slice(1),
    ).toEqual(['101', '102', '1 min, 5 sec', 'Answered']);
    // What went wrong, beside the result.
    expect(screen.getAllByRole('row')[2]!.textContent).toContain(
      'Voicemail (the phone could not use the call’s audio)',
    );
    // A call to a ring group names the member who took it.
    expect(
      within(screen.getAllByRole('row')[3]!).getByRole('cell', { name: '600, answered by 103' }),
    ).toBeTruthy();
  });

  it('says so when there are no calls, and when no call matches the filters', async () => {
    await openConsoleAt('Call log', {
      'admin:call-log': () => ok({ items: [], nextCursor: null, totals: { ...totals, calls: 0 } }),
    });
    expect(await screen.findByText(/No calls yet/)).toBeTruthy();
    await userEvent.selectOptions(screen.getByLabelText('Result'), 'Missed');
    expect(await screen.findByText('No call matches these filters.')).toBeTruthy();
  });

  it('explains a failure and loads again', async () => {
    let fail = true;
    await openConsoleAt('Call log', {
      'admin:call-log': () =>
        fail ? failure('internal_error') : ok({ items: [call('c1')], nextCursor: null, totals }),
    });
    const alert = await screen.findByRole('alert');
    fail = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('cell', { name: 'Answered' })).toBeTruthy();
  });

  it('sends the filters to the office and appends the next page on demand', async () => {
    const view = await openConsoleAt('Call log', {
      'admin:call-log': (payload) => {
        const { before } = (payload as { query: { before?: string } }).query;
        return before === 'p2'
          ? ok({ items: [call('c2', { callerNumber: '105' })], nextCursor: null, totals: null })
          : ok({ items: [call('c1')], nextCursor: 'p2', totals });
      },
    });
    await screen.findByRole('cell', { name: '101' });
    await userEvent.type(screen.getByLabelText('Extension'), '1x05');
    await userEvent.selectOptions(screen.getByLabelText('Result'), 'Missed');
    await userEvent.type(screen.getByLabelText('From'), '2026-11-01');
    await waitFor(() =>
      expect(view.calls.at(-1)![1]).toEqual({
        query: {
          from: new Date('2026-11-01T00:00').toISOString(),
          extension: '105',
          result: 'missed',
          limit: 100,
        },
      }),
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('cell', { name: '105' })).toBeTruthy();
    expect(screen.getAllByRole('row')).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(screen.getByLabelText('Totals for the period')).toBeTruthy();
  });

  it('downloads every filtered page as CSV, disarming spreadsheet formulas', async () => {
    const view = await openConsoleAt('Call log', {
      'admin:call-log': (payload) => {
        const { before } = (payload as { query: { before?: string } }).query;
        return before === 'p2'
          ? ok({
              items: [call('c2', { callerNumber: '=HYPERLINK("x")', fault: 'unavailable' })],
              nextCursor: null,
              totals: null,
            })
          : ok({ items: [call('c1')], nextCursor: 'p2', totals });
      },
    });
    await screen.findByRole('cell', { name: '101' });
    await userEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(downloaded).toHaveLength(1));
    const lines = (await readText(downloaded[0]!)).split('\r\n');
    // For people: headings, results and faults in the admin's words.
    expect(lines[0]).toBe(
      'Started,Answered,Ended,From number,To number,Answered by,Duration (seconds),Result,Problem,Call ID',
    );
    expect(lines[1]).toBe(
      '2026-11-20T10:00:00.000Z,2026-11-20T10:00:05.000Z,2026-11-20T10:01:10.000Z,101,102,,65,Answered,,c1',
    );
    expect(lines[2]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines[2]).toContain(',the phone was unavailable,c2');
    expect(lines).toHaveLength(4);
    const exports = view.calls.filter(([, p]) => (p as { query: { limit: number } }).query.limit === 200);
    expect(exports.map(([, p]) => (p as { query: { before?: string } }).query.before)).toEqual([
      undefined,
      'p2',
    ]);
  });

  it('says why the CSV could not be made', async () => {
    let fail = false;
    await openConsoleAt('Call log', {
      'admin:call-log': () =>
        fail ? failure('offline') : ok({ items: [call('c1')], nextCursor: null, totals }),
    });
    await screen.findByRole('cell', { name: '101' });
    fail = true;
    await userEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    expect((await screen.findByRole('alert')).textContent).toContain('cannot be reached');
    expect(downloaded).toHaveLength(0);
  });
});
