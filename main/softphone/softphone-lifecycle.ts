// The softphone of whoever is signed in: started for a person with an extension once their
// password is their own and the office is reached, stopped when the session ends or changes
// hands. Its registration and calls are re-emitted here, so whoever serves them follows one
// object whichever softphone runs.
import { EventEmitter } from 'node:events';
import type { SoftphoneConfig } from '../../common/api/me';
import type { Logger } from '../logger';
import { IpcFailure } from '../ipc/failure';
import type { PortalClient } from '../services/portal-client';
import type { Call, Calls } from './calls';
import type { MediaBridge } from './media-bridge';
import type { PowerEvents } from './power-events';
import { SoftphoneService, type Registration } from './softphone-service';

type CallsEvents = Calls extends EventEmitter<infer Events> ? Events : never;

const NOT_REGISTERED: Registration = { state: 'unregistered', reason: null, retryInSeconds: null };

export interface SoftphoneLifecycleOptions {
  portal: PortalClient;
  /** Does the calls' audio through a page of the app. */
  media: MediaBridge;
  /** When the softphone must register afresh (sleep, unlock, network change). */
  power: PowerEvents;
  logger: Logger;
}

export class SoftphoneLifecycle extends EventEmitter<
  CallsEvents & {
    registration: [Registration];
    /** The session's softphone is stopping: nothing can be dialled until the next one registers. */
    stopping: [];
  }
> {
  private softphone: SoftphoneService | null = null;
  /** Whose extension the running softphone registers: `user id extension`. */
  private owner: string | null = null;
  /** Starts and stops one after the other, in session order. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: SoftphoneLifecycleOptions) {
    super();
    options.portal.on('session', () => this.follow());
    options.media.on(
      'lost',
      (reason) => void this.softphone?.calls.endAll(`the call’s audio stopped: ${reason}`),
    );
  }

  get state(): Registration {
    return this.softphone?.state ?? NOT_REGISTERED;
  }

  /** The running softphone's calls; refused when nobody's softphone runs. */
  calls(): Calls {
    if (!this.softphone) throw new IpcFailure('not_signed_in', 'Sign in first');
    return this.softphone.calls;
  }

  /** The calls in progress; none while no softphone runs. */
  list(): Call[] {
    return this.softphone?.calls.list() ?? [];
  }

  /** Registers again now instead of waiting for the back-off. */
  reconnectNow(): void {
    if (!this.softphone) throw new IpcFailure('not_signed_in', 'Sign in first');
    this.softphone.reconnectNow();
  }

  async stop(): Promise<void> {
    await this.queue;
    await this.stopSoftphone();
  }

  /**
   * Stops the softphone and starts it again for the session now signed in, if it may have one.
   * The same person signing in again (an administrator's password asked again after the idle
   * limit) keeps the running softphone, and so their calls.
   */
  private follow(): void {
    const { portal, logger } = this.options;
    const session = portal.session;
    const owner = session?.user.extension ? `${session.user.id} ${session.user.extension}` : null;
    this.queue = this.queue
      .then(async () => {
        if (this.softphone && owner === this.owner) return;
        await this.stopSoftphone();
        // The office gives the softphone its SIP account only once the password is the person's own.
        // Nor can it register before the office is reached; going online starts it afresh.
        if (session?.user.extension && !session.mustChangePassword && !portal.offline)
          await this.startSoftphone(owner);
      })
      .catch((error: unknown) => logger.error({ err: error }, 'The softphone did not start'));
  }

  private async startSoftphone(owner: string | null): Promise<void> {
    const { portal, media, power, logger } = this.options;
    let config: SoftphoneConfig;
    try {
      config = await portal.call<SoftphoneConfig>({ method: 'GET', path: '/me/softphone' }, {});
    } catch (error) {
      if (!(error instanceof IpcFailure) || error.code !== 'not_found') throw error;
      this.emit('registration', { state: 'failed', reason: 'no-softphone', retryInSeconds: null });
      return;
    }
    media.useIceServers(config.iceServers);
    const softphone = new SoftphoneService(config, power, { logger, media });
    softphone.on('state', (state) => this.emit('registration', state));
    softphone.calls.on('incoming', (call) => this.emit('incoming', call));
    softphone.calls.on('changed', (call) => this.emit('changed', call));
    softphone.calls.on('dtmf', (pressed) => this.emit('dtmf', pressed));
    this.softphone = softphone;
    this.owner = owner;
    await softphone.start();
  }

  private async stopSoftphone(): Promise<void> {
    const softphone = this.softphone;
    this.softphone = null;
    this.owner = null;
    this.emit('stopping');
    await softphone?.stop();
  }
}
