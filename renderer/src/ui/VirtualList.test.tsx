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
});
