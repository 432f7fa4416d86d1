// The renderer's one way to call main: `useIpc` for what a screen shows, `useSubmit` for what a
// form or dialog sends.
import { useCallback, useEffect, useState } from 'react';
import type { IpcError, IpcResult } from '../../../common/ipc/result';

export type IpcState<T> =
  { status: 'loading' } | { status: 'error'; error: IpcError } | { status: 'ready'; value: T };

/** Subscribes to main's events that carry a newer value; answers the unsubscribe. */
export type LiveUpdates<T> = (update: (value: T) => void) => () => void;

/**
 * Asks main for what a screen shows, and asks again when `key` changes or `reload` is called:
 * what was shown stays while a new answer is on its way, a failure shows until the retry's
 * answer. An answer to a request that a newer one (or a `live` event) overtook is dropped, so fast
 * typing never shows stale rows. `set` puts a value main answered elsewhere (a save) in place.
 */
export function useIpc<T>(
  request: () => Promise<IpcResult<T>>,
  key: string,
  live?: LiveUpdates<T>,
): [IpcState<T>, () => void, (value: T) => void] {
  const [state, setState] = useState<IpcState<T>>({ status: 'loading' });
  const [round, setRound] = useState(0);

  useEffect(() => {
    let answerWanted = true;
    setState((previous) => (previous.status === 'ready' ? previous : { status: 'loading' }));
    const unsubscribe = live?.((value) => {
      answerWanted = false;
      setState({ status: 'ready', value });
    });
    void request().then((result) => {
      if (!answerWanted) return;
      setState(
        result.ok ? { status: 'ready', value: result.value } : { status: 'error', error: result.error },
      );
    });
    return () => {
      answerWanted = false;
      unsubscribe?.();
    };
    // `request` and `live` are new closures each render; `key` says when what they ask changed.
  }, [key, round]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  const set = useCallback((value: T) => setState({ status: 'ready', value }), []);
  return [state, reload, set];
}

/**
 * Sends what a form or dialog asks for: busy while it is on its way, and its refusal kept for the
 * form to show (cleared when it is sent again, or by `clear`).
 */
export function useSubmit<T>(send: () => Promise<IpcResult<T>>, onDone: (value: T) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    const result = await send();
    setBusy(false);
    if (result.ok) onDone(result.value);
    else setError(result.error);
  };

  const clear = useCallback(() => setError(null), []);
  return { busy, error, submit, clear };
}
