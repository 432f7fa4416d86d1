import { useCallback, useEffect, useState } from 'react';
import type { IpcError, IpcResult } from '../../../../common/ipc/result';

export type Loaded<T> =
  { status: 'loading' } | { status: 'error'; error: IpcError } | { status: 'ready'; value: T };

/**
 * Loads what a panel shows and loads it again when `key` changes or `reload` is called. An answer
 * that arrives after a newer request started is dropped, so fast typing never shows stale rows.
 */
export function useLoad<T>(load: () => Promise<IpcResult<T>>, key: string): [Loaded<T>, () => void] {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);

  useEffect(() => {
    let current = true;
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    void load().then((result) => {
      if (!current) return;
      setState(
        result.ok ? { status: 'ready', value: result.value } : { status: 'error', error: result.error },
      );
    });
    return () => {
      current = false;
    };
    // `load` is a new closure each render; `key` says when what it loads changed.
  }, [key, round]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  return [state, reload];
}
