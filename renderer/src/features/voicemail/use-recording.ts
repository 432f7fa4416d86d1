import { useCallback, useEffect, useRef, useState } from 'react';
import type { IpcError } from '../../../../common/ipc/result';
import { useApi } from '../../app/api-context';

export type Recording =
  | { state: 'none' }
  | { state: 'loading' }
  | { state: 'ready'; url: string; type: string }
  | { state: 'failed'; error: IpcError };

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index++) bytes[index] = text.charCodeAt(index);
  return bytes;
}

/**
 * The recording of the chosen message as a `blob:` URL for the <audio> element. Recordings
 * fetched once stay in memory for this screen, so they still play when the office is gone.
 */
export function useRecording(id: string | null): [Recording, () => void] {
  const api = useApi();
  const fetched = useRef(new Map<string, { url: string; type: string }>());
  const [recording, setRecording] = useState<Recording>({ state: 'none' });
  const [attempt, setAttempt] = useState(0);

  const fetchRecording = useCallback(
    async (wanted: string, live: () => boolean) => {
      const known = fetched.current.get(wanted);
      if (known) return setRecording({ state: 'ready', ...known });
      setRecording({ state: 'loading' });
      const result = await api.voicemail.audio({ id: wanted });
      if (!live()) return;
      if (!result.ok) return setRecording({ state: 'failed', error: result.error });
      const url = URL.createObjectURL(
        new Blob([bytesOf(result.value.data)], { type: result.value.audioType }),
      );
      fetched.current.set(wanted, { url, type: result.value.audioType });
      setRecording({ state: 'ready', url, type: result.value.audioType });
    },
    [api],
  );

  useEffect(() => {
    if (id === null) {
      setRecording({ state: 'none' });
      return;
    }
    let live = true;
    void fetchRecording(id, () => live);
    return () => {
      live = false;
    };
  }, [id, fetchRecording, attempt]);

  useEffect(() => {
    const urls = fetched.current;
    return () => {
      for (const { url } of urls.values()) URL.revokeObjectURL(url);
    };
  }, []);

  return [recording, () => setAttempt((count) => count + 1)];
}
