import { act, cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withLayout } from '../test-support/layout';
import { VirtualList } from './VirtualList';

afterEach(cleanup);
withLayout(1280, 600);

const items = Array.from({ length: 10_000 }, (_, index) => ({ id: `r${index}`, text: `Row ${index}` }));

describe('VirtualList', () => {
  it('holds 10,000 rows and renders only those in view', async () => {
    const onEndReached = vi.fn();
    render(
      <VirtualList
        items={items}
        rowHeight={60}
        label="Rows"
        keyOf={(item) => item.id}
        renderRow={(item) => item.text}
        onEndReached={onEndReached}
      />,
    );
    const list = screen.getByRole('region', { name: 'Rows' });
    const shown = () => within(list).getAllByRole('listitem');
    expect(shown().length).toBeLessThanOrEqual(10 + 6);
    expect(shown()[0]!.textContent).toBe('Row 0');
    expect(shown()[0]!.getAttribute('aria-setsize')).toBe('10000');
    expect(onEndReached).not.toHaveBeenCalled();

    await act(async () => {
      list.scrollTop = 5000 * 60;
      list.dispatchEvent(new Event('scroll'));
    });
    expect(screen.getByText('Row 5000').closest('li')!.getAttribute('aria-posinset')).toBe('5001');
    expect(screen.queryByText('Row 0')).toBeNull();
    expect(shown().length).toBeLessThanOrEqual(10 + 12);

    await act(async () => {
      list.scrollTop = 10_000 * 60 - 600;
      list.dispatchEvent(new Event('scroll'));
    });
    expect(screen.getByText('Row 9999')).toBeTruthy();
    expect(onEndReached).toHaveBeenCalled();
  });

  it('draws a row once while it stays in view: scrolling and appended pages draw only the new rows', async () => {
    const drawn: string[] = [];
    const renderRow = (item: (typeof items)[number]) => {
      drawn.push(item.id);
      return item.text;
    };
    const keyOf = (item: (typeof items)[number]) => item.id;
    const onEndReached = vi.fn();
    const view = render(
      <VirtualList
        items={items.slice(0, 100)}
        rowHeight={60}
        label="Rows"
        keyOf={keyOf}
        renderRow={renderRow}
      />,
    );
    const first = new Set(drawn);
    expect(first.has('r0')).toBe(true);
    expect(drawn).toHaveLength(first.size);

    drawn.length = 0;
    const list = screen.getByRole('region', { name: 'Rows' });
    await act(async () => {
      list.scrollTop = 60;
      list.dispatchEvent(new Event('scroll'));
    });
    // One row scrolled in at the bottom of the overscan; those already there are left alone.
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.every((id) => !first.has(id))).toBe(true);

    drawn.length = 0;
    view.rerender(
      <VirtualList
        items={items.slice(0, 300)}
        rowHeight={60}
        label="Rows"
        keyOf={keyOf}
        renderRow={renderRow}
        onEndReached={onEndReached}
        endThreshold={290}
      />,
    );
    expect(drawn).toEqual([]);
    expect(within(list).getAllByRole('listitem')[0]!.getAttribute('aria-setsize')).toBe('300');
    // Within `endThreshold` rows of the end: the next page is asked for ahead of time.
    expect(onEndReached).toHaveBeenCalled();
  });
});
