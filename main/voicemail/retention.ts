// Which messages keep their recording offline: the newest ones, while both the count and the
// size limit hold. A message whose size is not known yet may be fetched to learn it.
import type { VoicemailRetention } from '../../common/ipc/domains/settings';
import type { CachedMessage } from './cache-folder';

/** Ids whose audio may stay in the cache, from a newest-first list. */
export function retainedIds(messages: readonly CachedMessage[], retention: VoicemailRetention): Set<string> {
  const budget = retention.maxMegabytes * 1024 * 1024;
  const kept = new Set<string>();
  let used = 0;
  for (const entry of messages) {
    if (kept.size >= retention.maxMessages) break;
    const bytes = entry.bytes ?? 0;
    if (used + bytes > budget) break;
    used += bytes;
    kept.add(entry.message.id);
  }
  return kept;
}
