import { useState } from 'react';
import type { IpcError, IpcResult } from '../../../../common/ipc/result';
import { useIpc } from '../../app/use-ipc';

export interface PageOf {
  items: unknown[];
  nextCursor: string | null;
}

/**
 * A keyset-paged list shown as one growing list: the first page (and its extras, like the call
 * log's totals) loads with `key`; "Load more" appends the next. New filters start over.
 */
export function usePages<P extends PageOf>(load: (before?: string) => Promise<IpcResult<P>>, key: string) {
  type Item = P['items'][number];
  const [first, reload] = useIpc(() => load(), key);
  const [more, setMore] = useState<{ after: P; items: Item[]; nextCursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<IpcError | null>(null);

  const firstPage = first.status === 'ready' ? first.value : null;
  const extra = more && more.after === firstPage ? more : null;
  const items: Item[] = firstPage ? [...firstPage.items, ...(extra?.items ?? [])] : [];
  const nextCursor = extra ? extra.nextCursor : (firstPage?.nextCursor ?? null);

  const loadMore = async () => {
    if (!firstPage || !nextCursor) return;
    setLoadingMore(true);
    setMoreError(null);
    const result = await load(nextCursor);
    setLoadingMore(false);
    if (!result.ok) return setMoreError(result.error);
    setMore({
      after: firstPage,
      items: [...(extra?.items ?? []), ...result.value.items],
      nextCursor: result.value.nextCursor,
    });
  };

  return { first, items, nextCursor, loadMore, loadingMore, moreError, reload };
}

export type Pages<P extends PageOf> = ReturnType<typeof usePages<P>>;
