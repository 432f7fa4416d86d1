import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useRef, type ReactNode } from 'react';
import './virtual-list.css';

interface VirtualListProps<T> {
  items: readonly T[];
  /** Every row is this tall, in pixels: rows are laid out, not measured. */
  rowHeight: number;
  label: string;
  /** Keep it stable (a function declared outside the component), like `renderRow`. */
  keyOf: (item: T) => string;
  /**
   * One row's content. Keep it stable (useCallback): a row is drawn again only when its item or
   * this function changes, so scrolling draws just the rows coming into view.
   */
  renderRow: (item: T) => ReactNode;
  /** Called when the last rows come into view (to fetch the next page). */
  onEndReached?: () => void;
  /** How many rows before the end `onEndReached` is called, so the next page is there in time. */
  endThreshold?: number;
}

/** A list that renders only the rows in view, so 10,000 rows cost what 20 do. */
export function VirtualList<T>({
  items,
  rowHeight,
  label,
  keyOf,
  renderRow,
  onEndReached,
  endThreshold = 10,
}: VirtualListProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  // Stable options: the virtualizer recomputes every row's position when they change.
  const getItemKey = useCallback((index: number) => keyOf(items[index]!), [items, keyOf]);
  const estimateSize = useCallback(() => rowHeight, [rowHeight]);
  const getScrollElement = useCallback(() => scroller.current, []);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement,
    estimateSize,
    getItemKey,
    overscan: 6,
  });
  const rows = virtualizer.getVirtualItems();
  const lastShown = rows.at(-1)?.index ?? -1;

  useEffect(() => {
    if (onEndReached && lastShown >= items.length - endThreshold) onEndReached();
  }, [lastShown, items.length, onEndReached, endThreshold]);

  return (
    <div
      ref={scroller}
      className="virtual-list"
      tabIndex={0}
      aria-label={label}
      role="region"
      // As tall as its rows, up to the CSS maximum: a short list leaves no empty box.
      style={{ height: virtualizer.getTotalSize() + 2 }}
    >
      <ul style={{ height: virtualizer.getTotalSize() }}>
        {rows.map((row) => (
          <li
            key={row.key}
            aria-setsize={items.length}
            aria-posinset={row.index + 1}
            style={{ height: rowHeight, transform: `translateY(${row.start}px)` }}
          >
            <Row item={items[row.index]!} render={renderRow} />
          </li>
        ))}
      </ul>
    </div>
  );
}

// The row's content, memoised: a scroll step or an appended page leaves the rows shown alone.
const Row = memo(function Row<T>({ item, render }: { item: T; render: (item: T) => ReactNode }) {
  return render(item);
}) as <T>(props: { item: T; render: (item: T) => ReactNode }) => ReactNode;
