import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useEffect } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { VoicemailMessage } from '../../../../common/api/voicemail';
import { ConnectionContext, type ConnectionState } from '../../app/connection';
import { withLayout } from '../../test-support/layout';
import { ok, renderWithApp, type ChannelAnswers } from '../../test-support/render';
import { Voicemail } from './Voicemail';
import { PAGE_SIZE, useVoicemail } from './use-voicemail';

afterEach(cleanup);
withLayout();

const blobs: Blob[] = [];
beforeAll(() => {
  // jsdom has no blob: URLs; the player only needs one per recording.
  URL.createObjectURL = (blob: Blob) => {
    blobs.push(blob as Blob);
    return `blob:test/${blobs.length}`;
  };
  URL.revokeObjectURL = () => undefined;
});

const message = (
  id: string,
  read: boolean,
  minutesAgo: number,
  name: string | null = null,
): VoicemailMessage => ({
  id,
  callerNumber: `10${id.slice(1)}`,
  callerName: name,
  receivedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
  durationSeconds: 42,
  read,
  audioType: 'audio/ogg',
});

const box = [
  message('m2', true, 5, 'Grace Hopper'),
  message('m3', false, 60, 'Alan Turing'),
  message('m4', false, 2),
];

type Pending = [id: string, action: 'mark-read' | 'mark-unread' | 'delete'];

const syncState = (connection: ConnectionState, pending: Pending[] = []) => ({
  connection,
  pending: pending.map(([id, action]) => ({ id, action })),
  syncedAt: '2026-11-27T08:00:00.000Z',
});

function answers(overrides: ChannelAnswers = {}): ChannelAnswers {
  let messages = [...box];
  return {
    'voicemail:sync-state': () => ok(syncState('online')),
    'voicemail:list': () => ok({ items: messages, unread: messages.filter((m) => !m.read).length }),
    'voicemail:audio': () => ok({ audioType: 'audio/ogg', data: btoa('OggS-recording') }),
    'voicemail:mark': (payload) => {
      const { id, body } = payload as { id: string; body: { read: boolean } };
      messages = messages.map((m) => (m.id === id ? { ...m, read: body.read } : m));
      return ok(messages.find((m) => m.id === id));
    },
    'voicemail:delete': (payload) => {
      messages = messages.filter((m) => m.id !== (payload as { id: string }).id);
      return ok(null);
    },
    ...overrides,
  };
}

/** The screen with its box, as the shell holds it, reporting the box's unread count. */
function WithBox({
  onUnread,
  onCall,
}: {
  onUnread: (count: number) => void;
  onCall: (target: string) => void;
}) {
  const box = useVoicemail();
  useEffect(() => {
    if (!box.loading) onUnread(box.unread);
  }, [box.loading, box.unread, onUnread]);
  return <Voicemail box={box} onCall={onCall} />;
}

async function show(table: ChannelAnswers, connection: ConnectionState = 'online') {
  const onUnread = vi.fn();
  const called: string[] = [];
  const view = await renderWithApp(
    <ConnectionContext.Provider value={connection}>
      <WithBox onUnread={onUnread} onCall={(target) => called.push(target)} />
    </ConnectionContext.Provider>,
    table,
  );
  return { view, onUnread, called };
}

const textOf = (blob: Blob) =>
  new Promise<unknown>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.readAsText(blob);
  });

const rows = () => within(screen.getByRole('region', { name: 'Voice messages' })).getAllByRole('button');

describe('Voicemail', () => {
  it('says which ring group a message of the group’s shared box was for', async () => {
    const shared = {
      ...message('m5', false, 1, 'Ada Lovelace'),
      ringGroup: { name: 'Sales', extension: '600' },
    };
    await show(answers({ 'voicemail:list': () => ok({ items: [shared, ...box], unread: 3 }) }));
    await waitFor(() => expect(rows()).toHaveLength(4));
    expect(rows()[0]!.textContent).toMatch(/^Ada Lovelace \(new\) · for Sales \(600\)1 minute ago0:42$/);
    // A message of one's own box names no group.
    expect(
      rows()
        .slice(1)
        .map((row) => row.textContent),
    ).not.toContainEqual(expect.stringContaining('for '));
  });

  it('loads, then lists unread first (newest first within each) and reports the unread count', async () => {
    let answer!: () => void;
    const pending = new Promise<void>((resolve) => (answer = resolve));
    const table = answers();
    const list = table['voicemail:list']!;
    const { onUnread } = await show({ ...table, 'voicemail:list': async (p) => (await pending, list(p)) });
    expect(screen.getByRole('status', { name: 'Loading your voice messages' })).toBeTruthy();
    await act(async () => answer());
    expect(rows().map((row) => row.textContent)).toEqual([
      expect.stringMatching(/^104 \(new\)2 minutes ago0:42$/),
      expect.stringMatching(/^Alan Turing \(new\)1 hour ago0:42$/),
      expect.stringMatching(/^Grace Hopper5 minutes ago0:42$/),
    ]);
    expect(screen.getByText('2 new messages')).toBeTruthy();
    expect(onUnread).toHaveBeenLastCalledWith(2);
  });

  it('says what to expect when the box is empty', async () => {
    await show(answers({ 'voicemail:list': () => ok({ items: [], unread: 0 }) }));
    expect(await screen.findByRole('heading', { name: 'No voice messages' })).toBeTruthy();
  });

  it('shows a translated error and tries again', async () => {
    let fail = true;
    const table = answers();
    const list = table['voicemail:list']!;
    await show({
      ...table,
      'voicemail:list': (p) =>
        fail ? { ok: false, error: { code: 'internal_error', message: 'x' } } : list(p),
    });
    expect((await screen.findByRole('alert')).textContent).toContain('Something went wrong');
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Alan Turing')).toBeTruthy();
  });

  it('plays a message with a speed choice and a download, marking it read when it plays', async () => {
    const { view, onUnread } = await show(answers());
    await userEvent.click(await screen.findByRole('button', { name: /Alan Turing/ }));
    const audio = (await screen.findByLabelText('Message from Alan Turing')) as HTMLAudioElement;
    expect(audio.getAttribute('src')).toMatch(/^blob:test\//);
    expect(await textOf(blobs.at(-1)!)).toBe('OggS-recording');
    expect(blobs.at(-1)!.type).toBe('audio/ogg');
    await userEvent.selectOptions(screen.getByLabelText('Speed'), '1.5');
    expect(audio.playbackRate).toBe(1.5);
    expect(screen.getByRole('link', { name: 'Download' }).getAttribute('download')).toMatch(
      /^voicemail-103-\d{4}-\d\d-\d\d\.ogg$/,
    );
    await act(async () => audio.dispatchEvent(new Event('play')));
    // The count follows the office's answer to the mark, an IPC round trip later.
    expect(view.calls).toContainEqual(['voicemail:mark', { id: 'm3', body: { read: true } }]);
    await waitFor(() => expect(onUnread).toHaveBeenLastCalledWith(1));
    await userEvent.click(screen.getByRole('button', { name: 'Mark as unread' }));
    await waitFor(() => expect(onUnread).toHaveBeenLastCalledWith(2));
  });

  it('calls back a caller who left a number, and offers no call back to an anonymous one', async () => {
    const anonymous = { ...message('m9', true, 1), callerNumber: 'anonymous' };
    const { called } = await show(
      answers({ 'voicemail:list': () => ok({ items: [...box, anonymous], unread: 2 }) }),
    );
    await userEvent.click(await screen.findByRole('button', { name: /Alan Turing/ }));
    await screen.findByRole('heading', { level: 2, name: 'Alan Turing' });
    await userEvent.click(screen.getByRole('button', { name: 'Call back' }));
    expect(called).toEqual(['103']);
    await userEvent.click(screen.getByRole('button', { name: /^anonymous/ }));
    await screen.findByRole('heading', { level: 2, name: 'anonymous' });
    expect(screen.queryByRole('button', { name: 'Call back' })).toBeNull();
  });

  it('deletes only after confirming, with focus kept in the dialog', async () => {
    const { view } = await show(answers());
    await userEvent.click(await screen.findByRole('button', { name: /Grace Hopper/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete this message?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(view.calls.some(([channel]) => channel === 'voicemail:delete')).toBe(false);

    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await userEvent.tab();
    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    await userEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    expect(view.calls).toContainEqual(['voicemail:delete', { id: 'm2' }]);
    expect(screen.queryByText('Grace Hopper')).toBeNull();
    expect(rows()).toHaveLength(2);
  });

  it('says when a recording cannot be fetched, and fetches it again', async () => {
    let fail = true;
    await show(
      answers({
        'voicemail:audio': () =>
          fail
            ? { ok: false, error: { code: 'payload_too_large', message: 'x' } }
            : ok({ audioType: 'audio/ogg', data: btoa('x') }),
      }),
    );
    await userEvent.click(await screen.findByRole('button', { name: /Alan Turing/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('Something went wrong');
    fail = false;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByLabelText('Message from Alan Turing')).toBeTruthy();
  });

  it('online: no offline banner, and marking goes straight through', async () => {
    await show(answers());
    await userEvent.click(await screen.findByRole('button', { name: /Alan Turing/ }));
    await userEvent.click(screen.getByRole('button', { name: 'Mark as read' }));
    expect(await screen.findByRole('button', { name: 'Mark as unread' })).toBeTruthy();
    expect(screen.queryByText(/You are offline/)).toBeNull();
  });

  it('offline: cached messages play, marks and deletes wait, and the banner counts them', async () => {
    const offlineMessage = { ok: false as const, error: { code: 'offline' as const, message: 'x' } };
    const table = answers({
      'voicemail:sync-state': () => ok(syncState('offline')),
      // Main serves cached recordings offline; one that was never copied cannot play.
      'voicemail:audio': (payload) =>
        (payload as { id: string }).id === 'm2'
          ? offlineMessage
          : ok({ audioType: 'audio/ogg', data: btoa('OggS-cached') }),
    });
    const { view } = await show(table);
    const banner = (await screen.findByText(/You are offline/)).parentElement!;
    expect(banner.getAttribute('role')).toBe('status');
    expect(banner.textContent).toContain('You are offline.');
    expect(banner.textContent).not.toContain('will sync');

    await userEvent.click(screen.getByRole('button', { name: /Alan Turing/ }));
    expect(await screen.findByLabelText('Message from Alan Turing')).toBeTruthy();
    expect(await textOf(blobs.at(-1)!)).toBe('OggS-cached');
    await userEvent.click(screen.getByRole('button', { name: 'Mark as read' }));
    expect(await screen.findByRole('button', { name: 'Mark as unread' })).toBeTruthy();
    act(() => view.emit('voicemail:sync-state-changed', syncState('offline', [['m3', 'mark-read']])));
    expect(banner.textContent).toContain('1 change will sync when the office is back.');

    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await userEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    expect(screen.queryByText('Alan Turing')).toBeNull();
    act(() =>
      view.emit(
        'voicemail:sync-state-changed',
        syncState('offline', [
          ['m3', 'mark-read'],
          ['m3', 'delete'],
        ]),
      ),
    );
    expect(banner.textContent).toContain('2 changes will sync when the office is back.');
    expect(view.calls.filter(([channel]) => channel === 'voicemail:delete')).toEqual([
      ['voicemail:delete', { id: 'm3' }],
    ]);

    await userEvent.click(screen.getByRole('button', { name: /Grace Hopper/ }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'was not opened before you went offline',
    );

    act(() => view.emit('voicemail:sync-state-changed', syncState('online')));
    expect(screen.queryByText(/You are offline/)).toBeNull();
  });

  it('offline with nothing cached says voicemail needs the office', async () => {
    await show(
      answers({
        'voicemail:list': () => ok({ items: [], unread: 0, nextCursor: null }),
        'voicemail:sync-state': () => ok(syncState('offline')),
      }),
    );
    expect(await screen.findByRole('heading', { name: 'Voicemail needs the office' })).toBeTruthy();
  });

  it('offline before the list was ever fetched says the same', async () => {
    await show(
      answers({ 'voicemail:list': () => ({ ok: false, error: { code: 'offline', message: 'x' } }) }),
      'offline',
    );
    expect(await screen.findByRole('heading', { name: 'Voicemail needs the office' })).toBeTruthy();
  });

  it('lists a message as it arrives', async () => {
    const table = answers();
    const { view } = await show(table);
    await screen.findByText('Alan Turing');
    const fresh = message('m9', false, 0, 'Katherine Johnson');
    table['voicemail:list'] = () => ok({ items: [...box, fresh], unread: 3 });
    act(() => view.emit('voicemail:received', fresh));
    expect(await screen.findByText('Katherine Johnson')).toBeTruthy();
  });

  it('pages in older messages from the office’s cursor as the end comes into view, the office’s unread count holding throughout', async () => {
    // The newest 150 (read), then 150 older ones of which the oldest is unread.
    const newest = Array.from({ length: 150 }, (_, i) => message(`m${1000 + i}`, true, i + 1));
    const older = Array.from({ length: 150 }, (_, i) => message(`m${2000 + i}`, i !== 149, 200 + i));
    older[149] = { ...older[149]!, callerName: 'Ada Lovelace' };
    const pages = (payload: unknown) => {
      const before = (payload as { query?: { before?: string } }).query?.before;
      return before === 'after-150'
        ? ok({ items: older, unread: 1, nextCursor: null })
        : ok({ items: newest, unread: 1, nextCursor: 'after-150' });
    };
    const { view, onUnread } = await show(answers({ 'voicemail:list': pages }), 'online');
    await screen.findByText('2 minutes ago');
    // Counted before its page loads: the office's count covers the whole box.
    expect(onUnread).toHaveBeenLastCalledWith(1);
    const list = screen.getByRole('region', { name: 'Voice messages' });
    await act(async () => {
      list.scrollTop = 140 * 60;
      list.dispatchEvent(new Event('scroll'));
    });
    await waitFor(() => expect(rows()[0]!.closest('li')!.getAttribute('aria-setsize')).toBe('300'));
    expect(
      view.calls.filter(([channel]) => channel === 'voicemail:list').map(([, payload]) => payload),
    ).toEqual([{}, { query: { before: 'after-150', limit: PAGE_SIZE } }]);
    await act(async () => {
      list.scrollTop = 0;
      list.dispatchEvent(new Event('scroll'));
    });
    expect(await screen.findByText('Ada Lovelace')).toBeTruthy();
    expect(rows()[0]!.textContent).toContain('Ada Lovelace (new)');
    expect(onUnread).toHaveBeenLastCalledWith(1);
  });

  it('pages in no older messages while offline', async () => {
    const newest = Array.from({ length: 30 }, (_, i) => message(`m${1000 + i}`, true, i + 1));
    const { view } = await show(
      answers({
        'voicemail:list': () => ok({ items: newest, unread: 0, nextCursor: 'after-30' }),
        'voicemail:sync-state': () => ok(syncState('offline')),
      }),
      'offline',
    );
    await screen.findByText('2 minutes ago');
    expect(view.calls.filter(([channel]) => channel === 'voicemail:list')).toHaveLength(1);
  });
});
