import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { IpcResult } from '../../../../common/ipc/result';
import { useSubmit } from './use-submit';

/** A request the test answers when it chooses. */
function pending<T>() {
  let answer!: (result: IpcResult<T>) => void;
  const promise = new Promise<IpcResult<T>>((resolve) => (answer = resolve));
  return { promise, answer };
}

describe('useSubmit', () => {
  it('is busy while the request is on its way, then hands over what the office answered', async () => {
    const done: string[] = [];
    let request = pending<string>();
    const { result } = renderHook(() =>
      useSubmit(
        () => request.promise,
        (value) => done.push(value),
      ),
    );

    let sent!: Promise<void>;
    act(() => void (sent = result.current.submit()));
    expect(result.current.busy).toBe(true);
    await act(
      async () => (request.answer({ ok: false, error: { code: 'name_taken', message: 'taken' } }), sent),
    );
    expect(result.current).toMatchObject({ busy: false, error: { code: 'name_taken' } });
    expect(done).toEqual([]);

    request = pending<string>();
    act(() => void (sent = result.current.submit()));
    expect(result.current).toMatchObject({ busy: true, error: null });
    await act(async () => (request.answer({ ok: true, value: 'saved' }), sent));
    expect(result.current).toMatchObject({ busy: false, error: null });
    expect(done).toEqual(['saved']);
  });
});
