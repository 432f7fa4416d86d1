import { useCallback, useEffect, useRef, useState } from 'react';
import type { Language } from '../../../../common/api/preferences';
import type { IpcError } from '../../../../common/ipc/result';
import { useApi } from '../../app/api-context';
import { useConnection } from '../../app/connection';

/** The language the office writes the person's mail in, and telling it the app's. */
export interface MailLanguage {
  /** The office's choice once read: a language, or null for the company's; undefined while unknown. */
  office: Language | null | undefined;
  /** A language the office could not be told for lack of a connection: sent once it answers again. */
  pending: Language | null;
  /** The office's refusal of the last change (not being offline: that is `pending`). */
  error: IpcError | null;
  tell(language: Language): Promise<void>;
}

/**
 * The office keeps a mail language only for a person with an extension (with their call
 * preferences); without one (`enabled` false) nothing is read or sent. A change made offline waits
 * in memory and goes when the connection comes back while the app is open.
 */
export function useMailLanguage(enabled: boolean): MailLanguage {
  const api = useApi();
  const connection = useConnection();
  const [office, setOffice] = useState<Language | null | undefined>(undefined);
  const [pending, setPending] = useState<Language | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const waiting = useRef<Language | null>(null);

  const read = useCallback(async () => {
    const result = await api.portal.preferences({});
    if (result.ok) setOffice(result.value.language);
  }, [api]);

  const tell = useCallback(
    async (language: Language) => {
      if (!enabled) return;
      waiting.current = language;
      const result = await api.portal.updatePreferences({ body: { language } });
      // A later choice made meanwhile is the one that counts.
      if (waiting.current !== language) return;
      if (result.ok) {
        waiting.current = null;
        setOffice(result.value.language);
        setPending(null);
        setError(null);
      } else if (result.error.code === 'offline') {
        setPending(language);
        setError(null);
      } else {
        waiting.current = null;
        setPending(null);
        setError(result.error);
      }
    },
    [api, enabled],
  );

  // At first, and each time the office is found again: read its choice, or tell it the one that waits.
  useEffect(() => {
    if (!enabled || connection !== 'online') return;
    if (waiting.current !== null) void tell(waiting.current);
    else void read();
  }, [enabled, connection, read, tell]);

  return { office, pending, error, tell };
}
