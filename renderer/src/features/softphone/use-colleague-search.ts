// Colleagues matching what is typed, asked of the office's directory a moment after typing
// stops. Only the answer to the latest text is shown.
import { useEffect, useState } from 'react';
import type { Colleague } from '../../../../common/api/colleagues';
import type { IpcError } from '../../../../common/ipc/result';
import { useApi } from '../../app/api-context';

export const SEARCH_DELAY_MS = 250;
const MAX_SUGGESTIONS = 8;
/** The directory's own limit on a search term. */
const MAX_SEARCH_LENGTH = 80;

export type ColleagueSearch =
  | { status: 'idle' }
  | { status: 'searching' }
  | { status: 'done'; colleagues: Colleague[] }
  | { status: 'error'; error: IpcError };

/** Names, and extensions being typed, are worth a search; an outside number (+, *, #, sip:) is not. */
const searchable = (text: string) => text.length > 0 && !/^[+*#]|^sip:/i.test(text);

export function useColleagueSearch(text: string): ColleagueSearch {
  const api = useApi();
  const term = text.trim().slice(0, MAX_SEARCH_LENGTH);
  const [result, setResult] = useState<{ term: string; search: ColleagueSearch }>({
    term: '',
    search: { status: 'idle' },
  });

  useEffect(() => {
    if (!searchable(term)) return;
    let live = true;
    const timer = setTimeout(() => {
      void api.portal.directory({ query: { search: term, limit: MAX_SUGGESTIONS } }).then((answer) => {
        if (!live) return;
        setResult({
          term,
          search: answer.ok
            ? { status: 'done', colleagues: answer.value.items }
            : { status: 'error', error: answer.error },
        });
      });
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, term]);

  if (!searchable(term)) return { status: 'idle' };
  return result.term === term ? result.search : { status: 'searching' };
}
