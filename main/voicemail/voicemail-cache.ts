// VoicemailCache: the signed-in account's voicemail kept for offline listening, and the
// actions taken offline kept until the office can take them. Every change to the folder goes
// through one queue of steps, so the index is never written by two steps at once.
import { randomBytes, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { Value } from 'typebox/value';
import { VoicemailList, VoicemailMessage } from '../../common/api/voicemail';
import type { PageQuery } from '../../common/api/primitives';
import type { Static } from 'typebox';
import type { VoicemailRetention } from '../../common/ipc/domains/settings';
import {
  MAX_VOICEMAIL_AUDIO_BYTES,
  voicemail,
  type VoicemailSyncState,
} from '../../common/ipc/domains/voicemail';
import { IpcFailure } from '../ipc/failure';
import type { CredentialVault } from '../services/credential-vault';
import type { Connection, PortalClient } from '../services/portal-client';
import { KEY_BYTES, openAudio, sealAudio } from './audio-seal';
import {
  accountFolder,
  CacheFolder,
  wipeFolder,
  type CacheIndex,
  type CachedMessage,
  type QueuedAction,
} from './cache-folder';
import { retainedIds } from './retention';

type SyncState = Static<typeof VoicemailSyncState>;

/** The most messages the index lists; older ones are not kept offline, and are listed from the office. */
const MAX_INDEXED_MESSAGES = 1000;

/** The most actions waiting for the office: past this the person is asked to reconnect first. */
const MAX_QUEUED_ACTIONS = 1000;

/** Refusals after which a queued action stays queued: the office may take it later. */
const RETRY_LATER = new Set<IpcFailure['code']>([
  'offline',
  'internal_error',
  'too_many_requests',
  'unauthenticated',
  'session_expired',
  'not_signed_in',
]);

interface VoicemailCacheEvents {
  /** The office's reachability or the queued actions changed. */
  state: [SyncState];
  /** A message the office listed for the first time since this cache opened. */
  received: [VoicemailMessage];
  /** A recording is now kept here and plays offline. */
  copied: [string];
}

export interface VoicemailCacheOptions {
  /** Where every account's cache folder lives (`<user data>/voicemail`). */
  root: string;
  /** Whose cache: the office's origin and the user's id. */
  account: string;
  vault: CredentialVault;
  portal: PortalClient;
  /** Read at each sync, so a changed setting applies at the next one. */
  retention: () => VoicemailRetention;
}

const isOffline = (error: unknown) => error instanceof IpcFailure && error.code === 'offline';

export class VoicemailCache extends EventEmitter<VoicemailCacheEvents> {
  private steps: Promise<unknown> = Promise.resolve();
  private closed = false;
  /** The office's cursor past the newest messages the index keeps; null when it keeps them all. */
  private pastIndex: string | null = null;
  private readonly onConnection = (connection: Connection) => this.emit('state', this.stateFor(connection));

  private constructor(
    private readonly folder: CacheFolder,
    private readonly key: Buffer,
    private readonly options: VoicemailCacheOptions,
  ) {
    super();
    options.portal.on('connection', this.onConnection);
  }

  /** The vault entry and folder of an account, e.g. `http://127.0.0.1:8080 <user id>`. */
  static account(portal: PortalClient, userId: string): string {
    return `${new URL(portal.baseUrl).origin} ${userId}`;
  }

  static async open(options: VoicemailCacheOptions): Promise<VoicemailCache> {
    const dir = accountFolder(options.root, options.account);
    const stored = await options.vault.read(options.account, 'voicemail-key');
    let key: Buffer;
    if (stored === null) {
      // Without its key nothing in the folder can be read: start it afresh.
      await wipeFolder(dir);
      key = randomBytes(KEY_BYTES);
      await options.vault.save(options.account, 'voicemail-key', key.toString('base64'));
    } else {
      key = Buffer.from(stored, 'base64');
    }
    return new VoicemailCache(await CacheFolder.open(dir), key, options);
  }

  /** Sign-out: the account's copies, its queued actions and its key go. */
  static async wipe(options: Pick<VoicemailCacheOptions, 'root' | 'account' | 'vault'>): Promise<void> {
    await wipeFolder(accountFolder(options.root, options.account));
    await options.vault.forget(options.account, 'voicemail-key');
  }

  get state(): SyncState {
    return this.stateFor(this.options.portal.connectionState);
  }

  /** Stops following the office; steps under way finish first. */
  async close(): Promise<void> {
    this.closed = true;
    this.options.portal.off('connection', this.onConnection);
    await this.steps.catch(() => undefined);
  }

  /**
   * The list: fresh from the office when it answers (and then the new recordings are copied in
   * the background), else as cached; with queued actions applied. The index keeps the newest
   * messages; a page `before` the cursor it answers with (older ones) comes from the office alone.
   */
  async list(query: PageQuery = {}): Promise<VoicemailList> {
    if (query.before !== undefined) return this.officePage(query);
    try {
      await this.step(() => this.refresh());
      // A copy that fails now is tried again at the next sync; the list is what was asked for.
      this.copyRecordings().catch(() => undefined);
    } catch (error) {
      if (!isOffline(error)) throw error;
    }
    return this.view();
  }

  /** Sends queued actions, reads the list and copies every recording the retention keeps. */
  async sync(): Promise<void> {
    await this.step(() => this.refresh());
    await this.copyRecordings();
  }

  /**
   * Marks a message: queued, so it holds offline. A message past the index (older than the newest
   * 1,000) is the office's alone: marked there at once, online only.
   */
  async mark(id: string, read: boolean): Promise<VoicemailMessage> {
    if (this.pastIndexMay(id)) {
      const message: unknown = await this.options.portal.call(
        voicemail.requests.mark.rest,
        { id, body: { read } },
        { 'idempotency-key': randomUUID() },
      );
      if (!Value.Check(VoicemailMessage, message))
        throw new IpcFailure('internal_error', 'The office sent a voicemail message the app cannot read');
      return message;
    }
    await this.queueAction(id, read ? 'mark-read' : 'mark-unread');
    const message = this.view().items.find((m) => m.id === id);
    if (!message) throw new IpcFailure('not_found', 'Voicemail message not found');
    return message;
  }

  /** Deletes a message: queued like `mark`, and past the index at the office at once. */
  async delete(id: string): Promise<null> {
    if (this.pastIndexMay(id))
      await this.options.portal.call(
        voicemail.requests.delete.rest,
        { id },
        { 'idempotency-key': randomUUID() },
      );
    else await this.queueAction(id, 'delete');
    return null;
  }

  /**
   * The recording's bytes: from the cache, else from the office (kept when the retention allows);
   * past the index, from the office and never kept.
   */
  audio(id: string): Promise<{ audio: Buffer; audioType: string }> {
    if (this.pastIndexMay(id)) return this.officeRecording(id);
    return this.step(async () => {
      const entry = this.visible(id);
      if (entry.cached) {
        const audio = await this.readCached(entry);
        if (audio) return { audio, audioType: entry.message.audioType };
      }
      const { audio } = await this.officeRecording(id);
      await this.keep(entry, audio);
      return { audio, audioType: entry.message.audioType };
    });
  }

  /** A recording as the office sends it, refused when offline or larger than the app plays. */
  private async officeRecording(id: string): Promise<{ audio: Buffer; audioType: string }> {
    const fetched = await this.fetchRecording(id).catch((error: unknown) => {
      throw isOffline(error)
        ? new IpcFailure('offline', 'This message was not kept for listening offline')
        : error;
    });
    if (fetched === null)
      throw new IpcFailure('payload_too_large', 'This recording is larger than the app plays');
    return fetched;
  }

  /**
   * Whether the message may be one past the index (older than the newest 1,000: the office's
   * alone). With the whole box indexed at the last sync, a message the index lacks is gone.
   */
  private pastIndexMay(id: string): boolean {
    return this.pastIndex !== null && !this.folder.index.messages.some((m) => m.message.id === id);
  }

  private stateFor(connection: Connection): SyncState {
    const { queue, syncedAt } = this.folder.index;
    return { connection, pending: queue.map(({ id, action }) => ({ id, action })), syncedAt };
  }

  /** Runs `work` after every step queued before it. */
  private step<T>(work: () => Promise<T>): Promise<T> {
    const run = this.steps.then(work, work);
    this.steps = run.catch(() => undefined);
    return run;
  }

  private async save(index: CacheIndex): Promise<void> {
    const queueChanged =
      index.queue !== this.folder.index.queue || index.syncedAt !== this.folder.index.syncedAt;
    await this.folder.save(index);
    if (queueChanged) this.emit('state', this.state);
  }

  /** The cached list with the queued actions applied: what the person sees. */
  private view(): VoicemailList {
    const { messages, queue } = this.folder.index;
    const items = messages
      .filter((entry) => !queue.some((a) => a.id === entry.message.id && a.action === 'delete'))
      .map(({ message }) => {
        const last = queue.findLast((a) => a.id === message.id);
        return last ? { ...message, read: last.action === 'mark-read' } : message;
      });
    const unread = items.filter((m) => !m.read).length + (this.folder.index.unreadPastIndex ?? 0);
    return { items, nextCursor: this.pastIndex, unread };
  }

  private visible(id: string): CachedMessage {
    const { messages, queue } = this.folder.index;
    const entry = messages.find((m) => m.message.id === id);
    if (!entry || queue.some((a) => a.id === id && a.action === 'delete'))
      throw new IpcFailure('not_found', 'Voicemail message not found');
    return entry;
  }

  /** Queues the action durably, then tries to send it (and any before it); offline it waits. */
  private async queueAction(id: string, action: QueuedAction['action']): Promise<void> {
    await this.step(async () => {
      this.visible(id);
      const index = this.folder.index;
      if (index.queue.length >= MAX_QUEUED_ACTIONS)
        throw new IpcFailure(
          'too_many_requests',
          'Too many changes are waiting for the office; connect to send them first',
        );
      await this.save({ ...index, queue: [...index.queue, { id, action, key: randomUUID() }] });
    });
    await this.step(() => this.flush()).catch((error: unknown) => {
      if (!isOffline(error)) throw error;
    });
  }

  /** Sends the queued actions in order, each once; stops (keeping the rest) when the office cannot take one now. */
  private async flush(): Promise<void> {
    for (let next = this.folder.index.queue[0]; next; next = this.folder.index.queue[0]) {
      let failure: unknown = null;
      let gone = false;
      try {
        await this.send(next);
      } catch (error) {
        if (error instanceof IpcFailure && RETRY_LATER.has(error.code)) throw error;
        // Deleted on the office meanwhile: the action has nothing left to do.
        gone = error instanceof IpcFailure && error.code === 'not_found';
        if (!gone) failure = error;
      }
      const index = this.folder.index;
      const remove = next.action === 'delete' || gone;
      await this.save({
        ...index,
        queue: index.queue.slice(1),
        messages: remove ? index.messages.filter((m) => m.message.id !== next.id) : index.messages,
      });
      if (remove) await this.folder.removeAudio(next.id);
      if (failure) throw failure;
    }
  }

  private async send(action: QueuedAction): Promise<void> {
    const headers = { 'idempotency-key': action.key };
    const { portal } = this.options;
    if (action.action === 'delete') {
      await portal.call(voicemail.requests.delete.rest, { id: action.id }, headers);
      return;
    }
    const read = action.action === 'mark-read';
    await portal.call(voicemail.requests.mark.rest, { id: action.id, body: { read } }, headers);
    const index = this.folder.index;
    await this.save({
      ...index,
      messages: index.messages.map((m) =>
        m.message.id === action.id ? { ...m, message: { ...m.message, read } } : m,
      ),
    });
  }

  /** One page of the office's list, as it answers it. */
  private async officePage(query: PageQuery): Promise<VoicemailList> {
    const page: unknown = await this.options.portal.call(voicemail.requests.list.rest, { query });
    if (!Value.Check(VoicemailList, page))
      throw new IpcFailure('internal_error', 'The office sent a voicemail list the app cannot read');
    return page;
  }

  /** The office's list, page after page, as far as the index keeps messages; then the cursor past them. */
  private async officeList(): Promise<VoicemailList> {
    const items: VoicemailList['items'] = [];
    let before: string | null = null;
    let unread = 0;
    do {
      const limit = Math.min(200, MAX_INDEXED_MESSAGES - items.length);
      const page = await this.officePage(before === null ? { limit } : { limit, before });
      items.push(...page.items);
      unread = page.unread;
      before = page.nextCursor;
    } while (before !== null && items.length < MAX_INDEXED_MESSAGES);
    return { items, nextCursor: before, unread };
  }

  /** Sends what is queued, then takes the office's list as the truth. */
  private async refresh(): Promise<void> {
    await this.flush();
    const list = await this.officeList();
    this.pastIndex = list.nextCursor;
    const unreadListed = list.items.filter((m) => !m.read).length;
    const unreadPastIndex = list.nextCursor === null ? 0 : Math.max(0, list.unread - unreadListed);
    const before = this.folder.index;
    const known = new Map(before.messages.map((m) => [m.message.id, m]));
    const messages = list.items.slice(0, MAX_INDEXED_MESSAGES).map((message): CachedMessage => ({
      message,
      bytes: known.get(message.id)?.bytes ?? null,
      cached: known.get(message.id)?.cached ?? false,
    }));
    const retained = retainedIds(messages, this.options.retention());
    const kept = messages.map((m) => (m.cached && !retained.has(m.message.id) ? { ...m, cached: false } : m));
    // The index stops naming a recording before its file goes, so it never names a missing one.
    await this.save({ ...before, messages: kept, syncedAt: new Date().toISOString(), unreadPastIndex });
    const keptIds = new Set(kept.filter((m) => m.cached).map((m) => m.message.id));
    for (const old of before.messages)
      if (old.cached && !keptIds.has(old.message.id)) await this.folder.removeAudio(old.message.id);
    if (before.syncedAt !== null)
      for (const { message } of kept) if (!known.has(message.id)) this.emit('received', message);
  }

  /** One recording at a time, so the person's own requests get in between. */
  private async copyRecordings(): Promise<void> {
    const tried = new Set<string>();
    while (!this.closed && (await this.step(() => this.copyNextRecording(tried))));
  }

  /**
   * Copies the newest recording the retention keeps and the cache lacks, each at most once per
   * sync (`tried`); false when there is none left.
   */
  private async copyNextRecording(tried: Set<string>): Promise<boolean> {
    const { messages } = this.folder.index;
    const retained = retainedIds(messages, this.options.retention());
    const next = messages.find((m) => !m.cached && retained.has(m.message.id) && !tried.has(m.message.id));
    if (!next) return false;
    tried.add(next.message.id);
    const fetched = await this.fetchRecording(next.message.id);
    if (fetched === null) await this.record(next.message.id, { bytes: MAX_VOICEMAIL_AUDIO_BYTES + 1 });
    else await this.keep(next, fetched.audio);
    return true;
  }

  /** Seals and writes the recording when the retention keeps it; notes its size either way. */
  private async keep(entry: CachedMessage, audio: Buffer): Promise<void> {
    const id = entry.message.id;
    const sized = this.folder.index.messages.map((m) =>
      m.message.id === id ? { ...m, bytes: audio.length } : m,
    );
    if (!retainedIds(sized, this.options.retention()).has(id)) {
      await this.record(id, { bytes: audio.length, cached: false });
      return;
    }
    // The file first, then the index naming it: a crash between leaves a stray file, which opening removes.
    await this.folder.writeAudio(id, sealAudio(this.key, id, audio));
    await this.record(id, { bytes: audio.length, cached: true });
    this.emit('copied', id);
  }

  private async record(id: string, change: Partial<Pick<CachedMessage, 'bytes' | 'cached'>>): Promise<void> {
    const index = this.folder.index;
    await this.save({
      ...index,
      messages: index.messages.map((m) => (m.message.id === id ? { ...m, ...change } : m)),
    });
  }

  /** A cached recording, or null (and no longer counted as cached) when its file is unreadable. */
  private async readCached(entry: CachedMessage): Promise<Buffer | null> {
    try {
      return openAudio(this.key, entry.message.id, await this.folder.readAudio(entry.message.id));
    } catch {
      await this.record(entry.message.id, { cached: false });
      await this.folder.removeAudio(entry.message.id);
      return null;
    }
  }

  /** The recording from the office; null when it is larger than the app keeps or plays. */
  private async fetchRecording(id: string): Promise<{ audio: Buffer; audioType: string } | null> {
    const response = await this.options.portal.open(`/me/voicemail/${encodeURIComponent(id)}/audio`);
    const audioType = response.headers.get('content-type') ?? 'application/octet-stream';
    const chunks: Buffer[] = [];
    let total = 0;
    try {
      for await (const chunk of response.body ?? []) {
        total += chunk.length;
        if (total > MAX_VOICEMAIL_AUDIO_BYTES) return null;
        chunks.push(Buffer.from(chunk));
      }
    } catch {
      throw new IpcFailure('offline', 'The office stopped sending the recording');
    }
    return { audio: Buffer.concat(chunks), audioType };
  }
}
