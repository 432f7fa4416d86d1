import { useState } from 'react';
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallLogEntry } from '../../../../common/api/call-log';
import { ConnectionContext } from '../../app/connection';
import { withLayout } from '../../test-support/layout';
import { ok, renderWithApp, type ChannelAnswers } from '../../test-support/render';
import { CallLog } from './CallLog';
import { FIRST_PAGE_SIZE, PAGE_SIZE } from './use-call-log';

afterEach(cleanup);
withLayout();

const noCall = () => undefined;

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

function entry(index: number, overrides: Partial<CallLogEntry> = {}): CallLogEntry {
  return {
    id: `c${index}`,
    callId: `call${index}`,
    direction: index % 2 ? 'incoming' : 'outgoing',
    otherNumber: String(200 + (index % 700)),
    otherName: `Person ${index}`,
    startedAt: minutesAgo(index + 3),
    answeredAt: null,
    endedAt: null,
    durationSeconds: 65,
    result: 'answered',
    transferredBy: null,
    fault: null,
    ...overrides,
  };
}

/** The office's paging: 10,000 calls, `limit` at a time, `before` the cursor. */
function pagedLog(total: number): ChannelAnswers[string] {
  const all = Array.from({ length: total }, (_, index) => entry(index));
  return (payload) => {
    const { query } = payload as { query: { limit: number; before?: string } };
    const start = query.before ? Number(query.before) : 0;
    const end = Math.min(start + query.limit, total);
    return ok({ items: all.slice(start, end), nextCursor: end < total ? String(end) : null });
  };
}

/** The screen as the shell holds it: a button hides and shows it again. */
function ShownOrHidden() {
  const [shown, setShown] = useState(true);
  return (
    <>
      <button type="button" onClick={() => setShown((current) => !current)}>
        Toggle
      </button>
      <CallLog shown={shown} onCall={noCall} />
    </>
  );
}

const rows = (name = 'Calls') => within(screen.getByRole('region', { name })).getAllByRole('listitem');

describe('CallLog', () => {
  it('fetches the newest calls each time it is shown again: new ones on top, the rest kept', async () => {
    // The office's log, newest first; calls are added at its head as they end.
    let log = Array.from({ length: 60 }, (_, index) => entry(index + 10));
    const answers: ChannelAnswers = {
      'portal:call-log': (payload) => {
        const { query } = payload as { query: { limit: number; before?: string } };
        const start = query.before ? log.findIndex((e) => e.id === query.before) + 1 : 0;
        const items = log.slice(start, start + query.limit);
        return ok({ items, nextCursor: start + query.limit < log.length ? items.at(-1)!.id : null });
      },
    };
    const view = await renderWithApp(<ShownOrHidden />, answers);
    const toggle = () => userEvent.click(screen.getByRole('button', { name: 'Toggle' }));
    await screen.findByText('Person 10');
    /** Requests for the newest calls (no cursor); the list may also page on by itself. */
    const asked = () =>
      view.calls.filter(
        ([channel, payload]) =>
          channel === 'portal:call-log' && !(payload as { query: { before?: string } }).query.before,
      ).length;
    expect(asked()).toBe(1);

    await toggle();
    log = [entry(1), entry(2), ...log];
    await toggle();
    await screen.findByText('Person 1');
    expect(asked()).toBe(2);
    const names = () => rows().map((row) => row.querySelector('.call-log-name')!.textContent);
    expect(names().slice(0, 3)).toEqual(['Person 1', 'Person 2', 'Person 10']);

    // More new calls than a first page: the list starts again from the newest.
    await toggle();
    log = [...Array.from({ length: FIRST_PAGE_SIZE + 5 }, (_, index) => entry(index + 100)), ...log];
    await toggle();
    await screen.findByText('Person 100');
    expect(screen.queryByText('Person 1')).toBeNull();
  });

  it('puts each call the office pushes on top while in view, answered or missed; hidden, it waits to be shown', async () => {
    let log = Array.from({ length: 5 }, (_, index) => entry(index + 10));
    const view = await renderWithApp(<ShownOrHidden />, {
      'portal:call-log': () => ok({ items: log, nextCursor: null }),
    });
    await screen.findByText('Person 10');
    const missed = (index: number) => entry(index, { direction: 'incoming', result: 'missed' });
    const asked = () => view.calls.filter(([channel]) => channel === 'portal:call-log').length;

    log = [missed(1), ...log];
    act(() => view.emit('portal:call-logged', missed(1)));
    await screen.findByText('Person 1');
    expect(rows()[0]!.textContent).toContain('Missed');
    expect(rows()).toHaveLength(6);
    // A call answered on a desk phone, say: the same.
    log = [entry(3), ...log];
    act(() => view.emit('portal:call-logged', entry(3)));
    await screen.findByText('Person 3');
    expect(rows()).toHaveLength(7);

    await userEvent.click(screen.getByRole('button', { name: 'Toggle' }));
    const askedWhileHidden = asked();
    log = [missed(2), ...log];
    act(() => view.emit('portal:call-logged', missed(2)));
    expect(asked()).toBe(askedWhileHidden);
  });

  it('drawn while the office was out of reach, shows the office’s answer once shown with it back', async () => {
    let reachable = false;
    await renderWithApp(<ShownOrHidden />, {
      'portal:call-log': () =>
        reachable
          ? ok({ items: [], nextCursor: null })
          : { ok: false, error: { code: 'offline', message: 'x' } },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Toggle' }));
    expect(await screen.findByText('The call log needs the office')).toBeTruthy();
    reachable = true;
    await userEvent.click(screen.getByRole('button', { name: 'Toggle' }));
    expect(await screen.findByText('Calls you make and receive will be listed here.')).toBeTruthy();
    expect(screen.queryByText('The call log needs the office')).toBeNull();
  });

  it('shows skeletons while loading, then the calls with relative dates and durations', async () => {
    let answer!: () => void;
    const pending = new Promise<void>((resolve) => (answer = resolve));
    await renderWithApp(<CallLog onCall={noCall} />, {
      'portal:call-log': async () => {
        await pending;
        return ok({
          items: [entry(1, { result: 'missed', durationSeconds: 0 }), entry(2)],
          nextCursor: null,
        });
      },
    });
    expect(screen.getByRole('status', { name: 'Loading your calls' }).getAttribute('aria-busy')).toBe('true');
    await act(async () => answer());
    expect(await screen.findByText('Person 1')).toBeTruthy();
    expect(rows()[0]!.textContent).toContain('4 minutes ago');
    expect(rows()[0]!.textContent).toContain('Incoming · Missed');
    expect(rows()[1]!.textContent).toContain('Outgoing · 1 min, 5 sec');
  });

  it('says what went wrong beside the result when the office logged a fault', async () => {
    const items = [
      entry(1, { result: 'missed', durationSeconds: 0, fault: 'media-not-acceptable' }),
      entry(2, { result: 'failed', durationSeconds: 0, fault: 'bridge-full' }),
    ];
    await renderWithApp(<CallLog onCall={noCall} />, {
      'portal:call-log': () => ok({ items, nextCursor: null }),
    });
    await screen.findByText('Person 1');
    expect(rows()[0]!.textContent).toContain('Incoming · Missed (the phone could not use the call’s audio)');
    expect(rows()[1]!.textContent).toContain(
      'Outgoing · Failed (the office had no room to connect the audio)',
    );
  });

  it('says what to do when there are no calls, and when a filter has none', async () => {
    await renderWithApp(<CallLog onCall={noCall} />, {
      'portal:call-log': () => ok({ items: [], nextCursor: null }),
    });
    expect(await screen.findByText('Calls you make and receive will be listed here.')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Missed' }));
    expect(await screen.findByText(/No calls of this kind/)).toBeTruthy();
  });

  it('asks the office for each filter and marks the chosen one', async () => {
    const view = await renderWithApp(<CallLog onCall={noCall} />, { 'portal:call-log': pagedLog(3) });
    await screen.findByText('Person 0');
    await userEvent.click(screen.getByRole('button', { name: 'Outgoing' }));
    expect(screen.getByRole('button', { name: 'Outgoing' }).getAttribute('aria-pressed')).toBe('true');
    expect(view.calls).toContainEqual([
      'portal:call-log',
      { query: { filter: 'outgoing', limit: FIRST_PAGE_SIZE } },
    ]);
  });

  it('shows a translated error with a retry, and the offline state', async () => {
    let failure: 'internal_error' | 'offline' | null = 'internal_error';
    await renderWithApp(<CallLog onCall={noCall} />, {
      'portal:call-log': () =>
        failure
          ? { ok: false, error: { code: failure, message: 'x' } }
          : ok({ items: [entry(1)], nextCursor: null }),
    });
    expect((await screen.findByRole('alert')).textContent).toContain('Something went wrong');
    failure = 'offline';
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('The call log needs the office')).toBeTruthy();
    failure = null;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Person 1')).toBeTruthy();
  });

  it('pages through the office’s cursor: a small first page, then larger ones fetched ahead of the end', async () => {
    const view = await renderWithApp(<CallLog onCall={noCall} />, { 'portal:call-log': pagedLog(450) });
    await screen.findByText('Person 0');
    expect(rows().length).toBeLessThan(30);
    // The first page's end is already within reach: the next page follows it unasked.
    await waitFor(() => expect(rows()[0]!.getAttribute('aria-setsize')).toBe('250'));
    const list = screen.getByRole('region', { name: 'Calls' });
    // Half a page before the loaded end the third page is asked for, before the rows run out.
    await act(async () => {
      list.scrollTop = 140 * 64;
      list.dispatchEvent(new Event('scroll'));
    });
    await waitFor(() => expect(rows()[0]!.getAttribute('aria-setsize')).toBe('450'));
    expect(view.calls.map(([, payload]) => payload)).toEqual([
      { query: { filter: 'all', limit: FIRST_PAGE_SIZE } },
      { query: { filter: 'all', limit: PAGE_SIZE, before: '50' } },
      { query: { filter: 'all', limit: PAGE_SIZE, before: '250' } },
    ]);
    await act(async () => {
      list.scrollTop = 450 * 64;
      list.dispatchEvent(new Event('scroll'));
    });
    expect(await screen.findByText('Person 449')).toBeTruthy();
    expect(view.calls).toHaveLength(3);
  });

  it('searches by name or number and calls back the number of the row', async () => {
    const called: string[] = [];
    const hidden = entry(5, { otherNumber: 'anonymous', otherName: null });
    await renderWithApp(<CallLog onCall={(target) => called.push(target)} />, {
      'portal:call-log': () =>
        ok({ items: [...Array.from({ length: 5 }, (_, i) => entry(i)), hidden], nextCursor: null }),
    });
    await screen.findByText('Person 0');
    await userEvent.type(screen.getByLabelText('Search'), '203');
    expect(rows().map((row) => row.textContent)).toEqual([expect.stringContaining('Person 3')]);
    await userEvent.click(screen.getByRole('button', { name: 'Call Person 3' }));
    expect(called).toEqual(['203']);
    // A caller who hid their number cannot be called back.
    await userEvent.clear(screen.getByLabelText('Search'));
    await userEvent.type(screen.getByLabelText('Search'), 'anonymous');
    expect(screen.getByRole('button', { name: 'Call anonymous' })).toHaveProperty('disabled', true);
    await userEvent.clear(screen.getByLabelText('Search'));
    await userEvent.type(screen.getByLabelText('Search'), 'nobody');
    expect(screen.getByText('No call matches “nobody”.')).toBeTruthy();
  });

  it('stops paging while offline', async () => {
    const view = await renderWithApp(
      <ConnectionContext.Provider value="offline">
        <CallLog onCall={noCall} />
      </ConnectionContext.Provider>,
      { 'portal:call-log': pagedLog(1000) },
    );
    await screen.findByText('Person 0');
    const list = screen.getByRole('region', { name: 'Calls' });
    await act(async () => {
      list.scrollTop = 190 * 64;
      list.dispatchEvent(new Event('scroll'));
    });
    expect(view.calls).toHaveLength(1);
  });

  it('speaks Spanish, dates and faults included', async () => {
    const items = [entry(0), entry(1, { result: 'voicemail', durationSeconds: 0, fault: 'unavailable' })];
    await renderWithApp(
      <CallLog onCall={noCall} />,
      { 'portal:call-log': () => ok({ items, nextCursor: null }) },
      'es',
    );
    await screen.findByText('Person 0');
    expect(rows('Llamadas')[0]!.textContent).toContain('hace 3 minutos');
    expect(rows('Llamadas')[1]!.textContent).toContain('Buzón de voz (el teléfono no estaba disponible)');
    expect(screen.getByRole('button', { name: 'Perdidas' })).toBeTruthy();
  });
});
