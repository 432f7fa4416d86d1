// One account's offline voicemail on disk: an index (JSON, replaced atomically) and one sealed
// audio file per message. Whatever a killed process left (a temporary file, a recording the
// index never took in, an index entry whose file is gone) is put right when the folder opens.
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { VoicemailMessage } from '../../common/api/voicemail';
import { Id, Nullable, StrictObject, Timestamp } from '../../common/api/primitives';
import { PendingVoicemailAction } from '../../common/ipc/domains/voicemail';
import { TEMP_SUFFIX, writeFileAtomic } from './atomic-file';

const INDEX_FILE = 'index.json';
const AUDIO_SUFFIX = '.audio';

export const CachedMessage = StrictObject({
  /** As the office last listed it; queued actions are applied on top when listing. */
  message: VoicemailMessage,
  /** The recording's size once known (also when it was too large to keep). */
  bytes: Nullable(Type.Integer({ minimum: 0 })),
  /** Whether its sealed audio file is in the folder. */
  cached: Type.Boolean(),
});
export type CachedMessage = Static<typeof CachedMessage>;

export const QueuedAction = StrictObject({
  ...PendingVoicemailAction.properties,
  /** Sent as `Idempotency-Key`: a replay after a lost answer is the same request to the office. */
  key: Type.String({ format: 'uuid', maxLength: 36 }),
});
export type QueuedAction = Static<typeof QueuedAction>;

export const CacheIndex = StrictObject({
  version: Type.Literal(1),
  messages: Type.Array(CachedMessage),
  queue: Type.Array(QueuedAction),
  syncedAt: Nullable(Timestamp),
  /**
   * How many messages past the indexed ones are unread, as the office counted at the last sync:
   * kept so the unread count opened offline is still the whole box's (absent in older files).
   */
  unreadPastIndex: Type.Optional(Type.Integer({ minimum: 0 })),
});
export type CacheIndex = Static<typeof CacheIndex>;

const EMPTY_INDEX: CacheIndex = { version: 1, messages: [], queue: [], syncedAt: null };

/** The folder of one account: named by a hash, so it says nothing of whose it is. */
export function accountFolder(root: string, account: string): string {
  return path.join(root, createHash('sha256').update(account).digest('hex').slice(0, 32));
}

/** Removes an account's folder and everything in it. */
export function wipeFolder(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

export class CacheFolder {
  private constructor(
    readonly dir: string,
    private current: CacheIndex,
  ) {}

  /** Opens (creating) the folder, putting right what an interrupted write left. */
  static async open(dir: string): Promise<CacheFolder> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const index = await readIndex(path.join(dir, INDEX_FILE));
    const folder = new CacheFolder(dir, index);
    await folder.tidy();
    return folder;
  }

  get index(): CacheIndex {
    return this.current;
  }

  async save(index: CacheIndex): Promise<void> {
    await writeFileAtomic(path.join(this.dir, INDEX_FILE), JSON.stringify(index));
    this.current = index;
  }

  audioFile(id: string): string {
    // Ids match `^[A-Za-z0-9_-]+$` (checked by the schema), so they are safe file names.
    if (!Value.Check(Id, id)) throw new Error('Not a message id');
    return path.join(this.dir, `${id}${AUDIO_SUFFIX}`);
  }

  readAudio(id: string): Promise<Buffer> {
    return readFile(this.audioFile(id));
  }

  writeAudio(id: string, sealed: Buffer): Promise<void> {
    return writeFileAtomic(this.audioFile(id), sealed);
  }

  removeAudio(id: string): Promise<void> {
    return rm(this.audioFile(id), { force: true });
  }

  /** Temporary files go; audio the index does not know goes; entries whose audio is missing are marked so. */
  private async tidy(): Promise<void> {
    const cached = new Set(this.current.messages.filter((m) => m.cached).map((m) => m.message.id));
    const present = new Set<string>();
    for (const name of await readdir(this.dir)) {
      const id = name.endsWith(AUDIO_SUFFIX) ? name.slice(0, -AUDIO_SUFFIX.length) : null;
      if (name.endsWith(TEMP_SUFFIX) || (id !== null && !cached.has(id)))
        await rm(path.join(this.dir, name), { force: true });
      else if (id !== null && (await stat(path.join(this.dir, name))).size > 0) present.add(id);
    }
    if ([...cached].every((id) => present.has(id))) return;
    await this.save({
      ...this.current,
      messages: this.current.messages.map((m) =>
        m.cached && !present.has(m.message.id) ? { ...m, cached: false } : m,
      ),
    });
  }
}

/**
 * The index, or an empty one when there is none. One that does not parse or fit the schema
 * (it cannot come from an interrupted write, only from outside hands) starts the cache afresh.
 */
async function readIndex(file: string): Promise<CacheIndex> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return EMPTY_INDEX;
    throw error;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (Value.Check(CacheIndex, parsed)) return parsed;
  } catch {
    // Falls through to a fresh index below.
  }
  return EMPTY_INDEX;
}
