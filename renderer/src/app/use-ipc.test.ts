import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { IpcResult } from '../../../common/ipc/result';
import { useIpc, useSubmit } from './use-ipc';

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

describe('useIpc', () => {
  it('shows the answer to the latest request only, and keeps what it shows while asking again', async () => {
    const requests = new Map([
      ['a', pending<string>()],
      ['b', pending<string>()],
    ]);
    const { result, rerender } = renderHook(({ key }) => useIpc(() => requests.get(key)!.promise, key), {
      initialProps: { key: 'a' },
    });
    expect(result.current[0]).toEqual({ status: 'loading' });
    await act(async () => requests.get('a')!.answer({ ok: true, value: 'rows of a' }));
    expect(result.current[0]).toEqual({ status: 'ready', value: 'rows of a' });

    requests.set('a', pending());
    rerender({ key: 'b' });
    expect(result.current[0]).toEqual({ status: 'ready', value: 'rows of a' });
    rerender({ key: 'a' });
    await act(async () => requests.get('b')!.answer({ ok: true, value: 'rows of b' }));
    expect(result.current[0]).toEqual({ status: 'ready', value: 'rows of a' });
    await act(async () => requests.get('a')!.answer({ ok: false, error: { code: 'offline', message: 'x' } }));
    expect(result.current[0]).toMatchObject({ status: 'error', error: { code: 'offline' } });

    requests.set('a', pending());
    act(() => result.current[1]());
    expect(result.current[0]).toEqual({ status: 'loading' });
  });

  it('takes what main pushes as newer than an answer still on its way', async () => {
    const request = pending<number>();
    let push!: (value: number) => void;
    let subscribed = 0;
    const { result, unmount } = renderHook(() =>
      useIpc(
        () => request.promise,
        'volume',
        (update) => {
          subscribed++;
          push = update;
          return () => subscribed--;
        },
      ),
    );
    act(() => push(7));
    expect(result.current[0]).toEqual({ status: 'ready', value: 7 });
    await act(async () => request.answer({ ok: true, value: 3 }));
    expect(result.current[0]).toEqual({ status: 'ready', value: 7 });
    act(() => push(9));
    expect(result.current[0]).toEqual({ status: 'ready', value: 9 });
    act(() => result.current[2](11));
    expect(result.current[0]).toEqual({ status: 'ready', value: 11 });
    expect(subscribed).toBe(1);
    unmount();
    expect(subscribed).toBe(0);
  });
});
