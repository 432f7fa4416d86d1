import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type ReactNode } from 'react';
import './virtual-list.css';

interface VirtualListProps<T> {
  items: readonly T[];
  /** Every row is this tall, in pixels: rows are laid out, not measured. */
  rowHeight: number;
  label: string;
  keyOf: (item: T) => string;
  renderRow: (item: T) => ReactNode;
  /** Called when the last rows come into view (to fetch the next page). */
  onEndReached?: () => void;
}

/** A list that renders only the rows in view, so 10,000 rows cost what 20 do. */
export function VirtualList<T>({
  items,
  rowHeight,
  label,
  keyOf,
  renderRow,
  onEndReached,
}: VirtualListProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    getItemKey: (index) => keyOf(items[index]!),
    overscan: 6,
  });
  const rows = virtualizer.getVirtualItems();
  const lastShown = rows.at(-1)?.index ?? -1;

  useEffect(() => {
    if (onEndReached && lastShown >= items.length - 10) onEndReached();
  }, [lastShown, items.length, onEndReached]);

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
            {renderRow(items[row.index]!)}
          </li>
        ))}
      </ul>
    </div>
  );
}
