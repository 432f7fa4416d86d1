import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { VoicemailMessage } from '../../../../common/api/voicemail';
import type { Static } from 'typebox';
import type { VoicemailSyncState } from '../../../../common/ipc/domains/voicemail';
import type { IpcError, IpcResult } from '../../../../common/ipc/result';
import { useApi } from '../../app/api-context';
import { useIpc } from '../../app/use-ipc';

export interface VoicemailState {
  messages: VoicemailMessage[];
  loading: boolean;
  /** The last list request failed (the messages shown, if any, are the last ones fetched). */
  error: IpcError | null;
  /** Where the office's older messages continue; null when every message is listed. */
  nextCursor: string | null;
  /** Unread messages the office counts among the older ones not loaded yet. */
  unreadNotLoaded: number;
}

/** Older messages, a page at a time once the first answer (the newest, up to 1,000) is shown. */
export const PAGE_SIZE = 200;

export type SyncState = Static<typeof VoicemailSyncState>;

const unreadIn = (messages: VoicemailMessage[]) => messages.filter((message) => !message.read).length;

/** Unread first, then newest first: what the person wants to hear next is on top. */
export function voicemailOrder(a: VoicemailMessage, b: VoicemailMessage): number {
  if (a.read !== b.read) return a.read ? 1 : -1;
  // Timestamps in one ISO format order as plain strings; localeCompare would cost a long task on 10,000.
  return a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : 0;
}

/**
 * The person's voicemail box: the list, refetched when a message arrives, and its actions. Held
 * by the shell from sign-in (its unread count is the navigation's badge), so the screen opens on
 * a list already there.
 */
export function useVoicemail() {
  const api = useApi();
  const [state, setState] = useState<VoicemailState>({
    messages: [],
    loading: true,
    error: null,
    nextCursor: null,
    unreadNotLoaded: 0,
  });
  // Answers for a list since read again from the top are dropped; one older page at a time.
  const generation = useRef(0);
  const paging = useRef(false);

  const show = useCallback(
    (messages: VoicemailMessage[], nextCursor: string | null, unreadNotLoaded: number) => {
      const sorted = [...messages].sort(voicemailOrder);
      setState({ messages: sorted, loading: false, error: null, nextCursor, unreadNotLoaded });
    },
    [],
  );

  // The count follows the list, whatever changed it (a reload, an older page, a mark, a delete),
  // plus what the office counts among messages not loaded yet.
  const unread = useMemo(
    () => unreadIn(state.messages) + state.unreadNotLoaded,
    [state.messages, state.unreadNotLoaded],
  );

  const load = useCallback(async () => {
    const mine = ++generation.current;
    const result = await api.voicemail.list({});
    if (mine !== generation.current) return;
    if (result.ok) {
      const { items, unread: total } = result.value;
      const nextCursor = result.value.nextCursor ?? null;
      show(items, nextCursor, nextCursor === null ? 0 : Math.max(0, total - unreadIn(items)));
    } else setState((current) => ({ ...current, loading: false, error: result.error }));
  }, [api, show]);

  useEffect(() => {
    void load();
    return api.voicemail.onReceived(() => void load());
  }, [api, load]);

  const loadMore = useCallback(async () => {
    const before = state.nextCursor;
    if (before === null || paging.current) return;
    paging.current = true;
    const mine = generation.current;
    const result = await api.voicemail.list({ query: { before, limit: PAGE_SIZE } });
    paging.current = false;
    if (mine !== generation.current) return;
    if (!result.ok) {
      setState((current) => ({ ...current, error: result.error }));
      return;
    }
    const { items, nextCursor } = result.value;
    setState((current) => ({
      ...current,
      // The list is in order already: sorting costs little more than the page's own length.
      messages: [...current.messages, ...items].sort(voicemailOrder),
      error: null,
      nextCursor: nextCursor ?? null,
      unreadNotLoaded: nextCursor ? Math.max(0, current.unreadNotLoaded - unreadIn(items)) : 0,
    }));
  }, [api, state.nextCursor]);

  // Whether the cache reaches the office and which changes wait for it; null until main answers.
  const [syncState] = useIpc(
    () => api.voicemail.syncState({}),
    'voicemail-sync',
    (update) => api.voicemail.onSyncStateChanged(update),
  );
  const sync: SyncState | null = syncState.status === 'ready' ? syncState.value : null;

  const retry = useCallback(() => {
    setState((current) => ({ ...current, loading: current.messages.length === 0, error: null }));
    void load();
  }, [load]);

  /** Marks one message; answers the refusal, if any, for the screen to show. */
  const mark = useCallback(
    async (id: string, read: boolean): Promise<IpcResult<null>> => {
      const result = await api.voicemail.mark({ id, body: { read } });
      if (!result.ok) return result;
      show(
        state.messages.map((message) => (message.id === id ? result.value : message)),
        state.nextCursor,
        state.unreadNotLoaded,
      );
      return { ok: true, value: null };
    },
    [api, show, state.messages, state.nextCursor, state.unreadNotLoaded],
  );

  const remove = useCallback(
    async (id: string): Promise<IpcResult<null>> => {
      const result = await api.voicemail.delete({ id });
      // Gone on the office already counts as deleted.
      if (!result.ok && result.error.code !== 'not_found') return result;
      show(
        state.messages.filter((message) => message.id !== id),
        state.nextCursor,
        state.unreadNotLoaded,
      );
      return { ok: true, value: null };
    },
    [api, show, state.messages, state.nextCursor, state.unreadNotLoaded],
  );

  return { ...state, unread, sync, retry, mark, remove, loadMore };
}

export type VoicemailBox = ReturnType<typeof useVoicemail>;
