import { useState } from 'react';
import type { IpcError, IpcResult } from '../../../../common/ipc/result';

/**
 * Sends what a form or dialog asks the office for: busy while it is on its way, and its refusal
 * kept for the form to show (cleared when it is sent again).
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

  return { busy, error, submit };
}
