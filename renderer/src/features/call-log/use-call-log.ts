import { useCallback, useEffect, useRef, useState } from 'react';
import type { CallLogEntry, CallLogFilter } from '../../../../common/api/call-log';
import type { IpcError } from '../../../../common/ipc/result';
import { useApi } from '../../app/api-context';

// A small first page paints the screen sooner; the pages after it are larger, and fetched ahead
// of the rows in view (see the list's endThreshold), so scrolling seldom waits for one.
export const FIRST_PAGE_SIZE = 50;
export const PAGE_SIZE = 200;

export interface CallLogState {
  rows: CallLogEntry[];
  /** Loading the first page (nothing to show yet). */
  loading: boolean;
  error: IpcError | null;
  /** More pages wait on the office. */
  hasMore: boolean;
}

/** The person's call log under one filter, a page at a time through the office's cursor. */
export function useCallLog(filter: CallLogFilter) {
  const api = useApi();
  const [state, setState] = useState<CallLogState>({ rows: [], loading: true, error: null, hasMore: false });
  const cursor = useRef<string | null>(null);
  const inFlight = useRef(false);
  // Answers for a filter no longer shown are dropped.
  const generation = useRef(0);

  const fetchPage = useCallback(
    async (first: boolean) => {
      if (inFlight.current && !first) return;
      const mine = first ? ++generation.current : generation.current;
      inFlight.current = true;
      const before = first ? undefined : (cursor.current ?? undefined);
      const result = await api.portal.callLog({
        query: { filter, limit: first ? FIRST_PAGE_SIZE : PAGE_SIZE, ...(before && { before }) },
      });
      if (mine !== generation.current) return;
      inFlight.current = false;
      if (!result.ok) {
        setState((current) => ({ ...current, loading: false, error: result.error }));
        return;
      }
      cursor.current = result.value.nextCursor;
      setState((current) => ({
        rows: first ? result.value.items : [...current.rows, ...result.value.items],
        loading: false,
        error: null,
        hasMore: result.value.nextCursor !== null,
      }));
    },
    [api, filter],
  );

  useEffect(() => {
    setState({ rows: [], loading: true, error: null, hasMore: false });
    void fetchPage(true);
  }, [fetchPage]);

  const loadMore = useCallback(() => {
    if (cursor.current !== null) void fetchPage(false);
  }, [fetchPage]);
  /**
   * The newest calls put on top of those listed (the screen shown again after calls were made):
   * the rest of the list and its cursor stay. A first page made only of new calls may leave a gap
   * below it, so it replaces the list instead, as it replaces an empty or failed one.
   */
  const refreshNewest = useCallback(async () => {
    if (inFlight.current) return;
    const mine = generation.current;
    const result = await api.portal.callLog({ query: { filter, limit: FIRST_PAGE_SIZE } });
    if (mine !== generation.current || !result.ok) return;
    const page = result.value;
    setState((current) => {
      const known = new Set(current.rows.map((entry) => entry.id));
      const fresh = page.items.filter((entry) => !known.has(entry.id));
      if (current.rows.length === 0 || current.error || fresh.length === page.items.length) {
        cursor.current = page.nextCursor;
        return { rows: page.items, loading: false, error: null, hasMore: page.nextCursor !== null };
      }
      if (fresh.length === 0) return current;
      return { ...current, rows: [...fresh, ...current.rows] };
    });
  }, [api, filter]);

  /** After an error: the first page again when nothing is shown, else the page that failed. */
  const retry = useCallback(() => {
    const first = state.rows.length === 0;
    setState((current) => ({ ...current, loading: first, error: null }));
    void fetchPage(first);
  }, [fetchPage, state.rows.length]);

  return { ...state, loadMore, retry, refreshNewest };
}
