// Whose each extension typed in the form is, asked of the office's directory a moment after the
// typing stops: a name, null for nobody's, absent while not known (not asked yet, or offline).
import { useEffect, useState } from 'react';
import { useApi } from '../../app/api-context';
import { SEARCH_DELAY_MS } from '../softphone/use-colleague-search';
import { EXTENSION } from './validate';

export function useExtensionOwners(extensions: readonly string[]): ReadonlyMap<string, string | null> {
  const api = useApi();
  const [owners, setOwners] = useState<ReadonlyMap<string, string | null>>(new Map());
  const wanted = [...new Set(extensions.filter((extension) => EXTENSION.test(extension)))];
  const missing = wanted.filter((extension) => !owners.has(extension));
  const key = missing.join(',');

  useEffect(() => {
    if (missing.length === 0) return;
    let live = true;
    const timer = setTimeout(() => {
      for (const extension of missing) {
        void api.portal.directory({ query: { extension, limit: 1 } }).then((answer) => {
          if (!live || !answer.ok) return;
          const name = answer.value.items[0]?.name ?? null;
          setOwners((known) => new Map(known).set(extension, name));
        });
      }
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // `missing` is new each render; `key` says when it changed.
  }, [api, key]);

  return owners;
}
