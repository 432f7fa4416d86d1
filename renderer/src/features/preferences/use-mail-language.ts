import { useCallback, useEffect, useRef, useState } from 'react';
import type { Language, Preferences } from '../../../../common/api/preferences';
import type { SignedInUser } from '../../../../common/api/auth';
import type { IpcError } from '../../../../common/ipc/result';
import { useApi } from '../../app/api-context';
import { useConnection } from '../../app/connection';

/** The language the office writes the person's mail in, and telling it the app's. */
export interface MailLanguage {
  /**
   * Once read, the office's record: the person's choice (null follows the company's) and the
   * language their mail is written in because of it; undefined while unknown.
   */
  office: Pick<Preferences, 'language' | 'mailLanguage'> | undefined;
  /** A language the office could not be told for lack of a connection: sent once it answers again. */
  pending: Language | null;
  /** The office's refusal of the last change (not being offline: that is `pending`). */
  error: IpcError | null;
  tell(language: Language): Promise<void>;
  /** Reads the office's choice now and each time the office is found again (the preferences screen shows it). */
  follow(): void;
}

const officeRecord = ({ language, mailLanguage }: Preferences): MailLanguage['office'] => ({
  language,
  mailLanguage,
});

/**
 * Held by the shell from sign-in, so a change made offline reaches the office whichever screen is
 * open. The office keeps a mail language only for a person with an extension (with their call
 * preferences); without one nothing is read or sent. A change that waits is also kept in this
 * computer's settings, so it still goes when the app was closed before the office answered.
 */
export function useMailLanguage(user: Pick<SignedInUser, 'id' | 'extension'>): MailLanguage {
  const api = useApi();
  const connection = useConnection();
  const enabled = user.extension !== null;
  const userId = user.id;
  const [office, setOffice] = useState<MailLanguage['office']>(undefined);
  const [pending, setPending] = useState<Language | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [followed, setFollowed] = useState(false);
  const [restored, setRestored] = useState(false);
  const waiting = useRef<Language | null>(null);
  /** Whether this computer's settings hold a waiting change of this person's (cleared once it is sent). */
  const kept = useRef(false);

  const keep = useCallback(
    async (language: Language | null) => {
      if (language === null && !kept.current) return;
      kept.current = language !== null;
      await api.settings.update({ pendingMailLanguage: language === null ? null : { userId, language } });
    },
    [api, userId],
  );

  const read = useCallback(async () => {
    const result = await api.portal.preferences({});
    if (result.ok) setOffice(officeRecord(result.value));
  }, [api]);

  const tell = useCallback(
    async (language: Language) => {
      if (!enabled) return;
      waiting.current = language;
      const result = await api.portal.updatePreferences({ body: { language } });
      // A later choice made meanwhile is the one that counts.
      if (waiting.current !== language) return;
      if (!result.ok && result.error.code === 'offline') {
        setPending(language);
        setError(null);
        await keep(language);
        return;
      }
      waiting.current = null;
      setPending(null);
      if (result.ok) {
        setOffice(officeRecord(result.value));
        setError(null);
      } else setError(result.error);
      await keep(null);
    },
    [api, enabled, keep],
  );

  const follow = useCallback(() => setFollowed(true), []);

  // A change kept by an earlier run of the app (closed before the office answered).
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    void api.settings.get({}).then((result) => {
      if (!live) return;
      const saved = result.ok ? result.value.pendingMailLanguage : null;
      if (saved?.userId === userId && waiting.current === null) {
        waiting.current = saved.language;
        kept.current = true;
        setPending(saved.language);
      }
      setRestored(true);
    });
    return () => {
      live = false;
    };
  }, [api, enabled, userId]);

  // Once restored, and each time the office is found again: tell it the change that waits, or
  // read its choice for the screen that shows it.
  useEffect(() => {
    if (!restored || connection !== 'online') return;
    if (waiting.current !== null) void tell(waiting.current);
    else if (followed) void read();
  }, [restored, connection, followed, read, tell]);

  return { office, pending, error, tell, follow };
}
