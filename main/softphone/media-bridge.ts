// The calls' media over the IPC contract: main sends each step as a `media:work` event to the
// one page that announced itself as the media provider and waits for its `media:done`. When
// that page goes away its calls cannot continue; `lost` says so and the softphone ends them.
import { EventEmitter } from 'node:events';
import type { Static } from 'typebox';
import type { IceServer as IceServerSchema } from '../../common/api/me';
import type { MediaDone, MediaStats, MediaWork } from '../../common/ipc/domains/media';
import type { Logger } from '../logger';
import { IpcFailure } from '../ipc/failure';
import type { IpcRouter } from '../ipc/router';
import type { CallMedia } from './call-media';

/** ICE gathering has its own deadline in the page; this covers a page that stopped answering. */
const WORK_TIMEOUT_MS = 10_000;
/** Steps waiting at once: a few per call; more means the page is not answering. */
const MAX_PENDING = 64;

type Work = MediaWork extends infer W ? (W extends MediaWork ? Omit<W, 'requestId'> : never) : never;
type IceServer = Static<typeof IceServerSchema>;
type Succeeded = Extract<MediaDone, { ok: true }>;

interface Pending {
  callId: string;
  resolve: (done: Succeeded) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class MediaBridge extends EventEmitter<{ lost: [reason: string] }> implements CallMedia {
  private provider: string | null = null;
  private readonly pending = new Map<string, Pending>();
  private nextRequest = 0;
  private iceServers: IceServer[] = [];

  constructor(
    private readonly router: IpcRouter,
    private readonly logger: Logger,
  ) {
    super();
    router.onDisconnect((connection) => {
      if (connection === this.provider)
        this.lose('the page doing the calls’ audio went away (reloaded, crashed or closed)');
    });
  }

  get available(): boolean {
    return this.provider !== null;
  }

  /** The office's STUN/TURN servers, handed to the page with each call's first step. */
  useIceServers(servers: IceServer[]): void {
    this.iceServers = servers;
  }

  announce(connection: string): void {
    if (this.provider === connection) return;
    if (this.provider !== null) this.lose('another page took over the calls’ audio');
    this.provider = connection;
    this.logger.info({ connection }, 'A page does the calls’ audio');
  }

  /** The provider's answer to one step; only the provider may answer, and only what was asked. */
  done(answer: MediaDone, connection: string): void {
    if (connection !== this.provider)
      throw new IpcFailure('forbidden_sender', 'Only the page doing the calls’ audio may answer');
    const pending = this.pending.get(answer.requestId);
    if (!pending)
      throw new IpcFailure('not_found', 'No media step waits for this answer', 'request.requestId');
    this.settle(answer.requestId);
    if (answer.ok) pending.resolve(answer);
    else pending.reject(new IpcFailure('no_media', `The call’s audio failed: ${answer.message}`));
  }

  async describe(callId: string, options: { hold: boolean; iceRestart: boolean }): Promise<string> {
    const done = await this.ask({ action: 'describe', callId, ...options, iceServers: this.iceServers });
    if (!done.sdp) throw new IpcFailure('no_media', 'The page made no session description');
    return done.sdp;
  }

  async apply(callId: string, sdp: string): Promise<void> {
    await this.ask({ action: 'apply', callId, sdp, iceServers: this.iceServers });
  }

  async mute(callId: string, muted: boolean): Promise<void> {
    await this.ask({ action: 'mute', callId, muted });
  }

  async stats(callId: string): Promise<MediaStats> {
    const done = await this.ask({ action: 'stats', callId });
    if (!done.stats) throw new IpcFailure('no_media', 'The page sent no figures for the call');
    return done.stats;
  }

  close(callId: string): void {
    // Nothing waits on a close: a page already gone has closed everything.
    this.ask({ action: 'close', callId }).catch(() => undefined);
  }

  private ask(work: Work): Promise<Succeeded> {
    const provider = this.provider;
    if (provider === null)
      return Promise.reject(new IpcFailure('no_media', 'No page of the app is open to do the call’s audio'));
    if (this.pending.size >= MAX_PENDING)
      return Promise.reject(new IpcFailure('busy', 'The page doing the calls’ audio is not answering'));
    const requestId = `m${++this.nextRequest}`;
    return new Promise<Succeeded>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.settle(requestId);
        reject(new IpcFailure('no_media', 'The page doing the calls’ audio did not answer in time'));
      }, WORK_TIMEOUT_MS);
      this.pending.set(requestId, { callId: work.callId, resolve, reject, timer });
      if (!this.router.sendTo(provider, 'media', 'work', { ...work, requestId } as MediaWork)) {
        this.settle(requestId);
        reject(new IpcFailure('no_media', 'The page doing the calls’ audio is gone'));
      }
    });
  }

  private settle(requestId: string): void {
    const pending = this.pending.get(requestId);
    if (pending) clearTimeout(pending.timer);
    this.pending.delete(requestId);
  }

  private lose(reason: string): void {
    this.provider = null;
    for (const [requestId, pending] of this.pending) {
      this.settle(requestId);
      pending.reject(new IpcFailure('no_media', `The call’s audio stopped: ${reason}`));
    }
    this.logger.warn({ reason }, 'No page does the calls’ audio any more');
    this.emit('lost', reason);
  }
}
