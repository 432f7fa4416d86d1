import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { usePanelDialog } from './use-panel-dialog';

describe('usePanelDialog', () => {
  it('shows a closed dialog’s message and reloads the list; a cancelled one changes nothing', () => {
    let reloads = 0;
    const { result } = renderHook(() => usePanelDialog<{ dialog: 'edit'; id: string }>(() => reloads++));

    act(() => result.current.setOpen({ dialog: 'edit', id: 'g1' }));
    expect(result.current.open).toEqual({ dialog: 'edit', id: 'g1' });
    act(() => result.current.close(null));
    expect(result.current).toMatchObject({ open: null, notice: null });
    expect(reloads).toBe(0);

    act(() => result.current.setOpen({ dialog: 'edit', id: 'g1' }));
    act(() => result.current.close('Sales was saved.'));
    expect(result.current).toMatchObject({ open: null, notice: 'Sales was saved.' });
    expect(reloads).toBe(1);
  });
});
