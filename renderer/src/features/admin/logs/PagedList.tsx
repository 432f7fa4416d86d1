import type { ReactNode } from 'react';
import { ListStates } from '../PanelStatus';
import type { PageOf, Pages } from '../use-pages';
import { LoadMore } from './LoadMore';

/** A growing list's states (loading, failed, empty, its items) and its "Load more" under it. */
export function PagedList<P extends PageOf>({
  pages,
  empty,
  children,
}: {
  pages: Pages<P>;
  empty: ReactNode;
  children: (items: P['items']) => ReactNode;
}) {
  return (
    <>
      <ListStates state={pages.first} onRetry={pages.reload} empty={empty}>
        {() => children(pages.items)}
      </ListStates>
      <LoadMore
        nextCursor={pages.nextCursor}
        loading={pages.loadingMore}
        error={pages.moreError}
        onLoad={() => void pages.loadMore()}
      />
    </>
  );
}
