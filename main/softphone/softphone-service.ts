// The softphone's registration: a sip.js UserAgent and Registerer over our own WebSocket
// transport. sip.js neither reconnects nor re-registers by itself; this service does both:
// reconnect with back-off and jitter, REGISTER again after every reconnect and whenever the
// computer wakes, unlocks or changes network, and un-REGISTER on stop. Its calls are in Calls,
// their media wherever `media` does it (the renderer's MediaEngine in the app).
import { EventEmitter } from 'node:events';
import { Registerer, TransportState, UserAgent, type RegistererRegisterOptions } from 'sip.js';
import type { Static } from 'typebox';
import type { SoftphoneConfig } from '../../common/api/me';
import { MAX_RING_SECONDS } from '../../common/api/preferences';
import type { RegistrationState } from '../../common/ipc/domains/registration';
import type { Logger } from '../logger';
import { forwardingHandlerFactory, type CallMedia } from './call-media';
import { Calls } from './calls';
import type { PowerEvents } from './power-events';
import { WsTransport, type WsTransportOptions } from './ws-transport';

export type Registration = Static<typeof RegistrationState>;

export interface SoftphoneOptions {
  logger: Logger;
  /** Does each call's audio. */
  media: CallMedia;
  /** Checks of the WebSocket's liveness (ping/pong). */
  pingIntervalMs?: number;
  /** 0..1, for the back-off's jitter. */
  random?: () => number;
}

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 30_000;
const REGISTRATION_SECONDS = 300;
/**
 * How long an incoming call may ring here before sip.js refuses it itself. The office ends the
 * ringing (the person's ring time, up to its maximum, then voicemail or forwarding); sip.js's own
 * default of 60 s would refuse a call the office still means to ring, so ours comes after it.
 */
const NO_ANSWER_SECONDS = MAX_RING_SECONDS + 30;
/** How long stop() waits for the un-REGISTER's answer before it closes anyway. */
const UNREGISTER_WAIT_MS = 2000;

/** 0.5 s, 1 s, 2 s … up to 30 s, each ±50 % so phones that lost one server do not return in step. */
export function retryDelay(attempt: number, random: () => number): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempt);
  return Math.round(base * (0.5 + random()));
}

export class SoftphoneService extends EventEmitter<{ state: [Registration] }> {
  private readonly agent: UserAgent;
  private readonly registerer: Registerer;
  readonly calls: Calls;
  private readonly random: () => number;
  private current: Registration = { state: 'unregistered', reason: null, retryInSeconds: null };
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  /** The network changed: once registered again, the calls' media restarts ICE. */
  private iceRestartDue = false;
  private readonly stopListening: () => void;

  constructor(
    config: SoftphoneConfig,
    power: PowerEvents,
    private readonly options: SoftphoneOptions,
  ) {
    super();
    this.random = options.random ?? Math.random;
    const server = config.websocketServers[0];
    if (!server) throw new Error('The office offers no SIP WebSocket address');
    const uri = UserAgent.makeURI(config.sipUri);
    if (!uri) throw new Error(`The office sent an invalid SIP address: ${config.sipUri}`);
    const transportOptions: WsTransportOptions = { server, pingIntervalMs: options.pingIntervalMs ?? 15_000 };
    this.agent = new UserAgent({
      uri,
      authorizationUsername: config.authorizationUsername,
      authorizationPassword: config.password,
      transportConstructor: WsTransport,
      transportOptions,
      logLevel: 'error',
      noAnswerTimeout: NO_ANSWER_SECONDS,
      sessionDescriptionHandlerFactory: forwardingHandlerFactory(options.media, (session) =>
        this.calls.idOf(session),
      ),
      delegate: { onInvite: (invitation) => this.calls.ring(invitation) },
      // Never the password or a message body in the log: sip.js logs through here only errors.
      logConnector: (level, category, _label, content) =>
        options.logger.warn({ level, category, content: content.slice(0, 200) }, 'sip.js'),
    });
    this.registerer = new Registerer(this.agent, { expires: REGISTRATION_SECONDS });
    this.calls = new Calls(this.agent, options.media, uri.host, options.logger);
    // Only the loss of an established connection starts the back-off here; a failed attempt
    // schedules its own retry.
    let connected = false;
    this.agent.transport.stateChange.addListener((state) => {
      if (state === TransportState.Connected) connected = true;
      if (state !== TransportState.Disconnected || !connected) return;
      connected = false;
      if (!this.stopped) this.connectionLost();
    });
    this.stopListening = power.onWake((reason) => {
      if (this.stopped) return;
      options.logger.info({ reason }, 'Registering afresh');
      if (reason !== 'unlock') this.iceRestartDue = true;
      if (this.agent.isConnected()) this.register();
      else this.reconnectNow();
    });
  }

  get state(): Registration {
    return this.current;
  }

  async start(): Promise<void> {
    try {
      await this.agent.start();
    } catch {
      // Unreachable at start is like unreachable later: keep trying.
      return this.connectionLost();
    }
    this.register();
  }

  /** Try again now instead of waiting for the back-off. */
  reconnectNow(): void {
    this.attempt = 0;
    this.clearRetry();
    void this.reconnect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clearRetry();
    this.stopListening();
    await this.calls.endAll('the softphone was stopped (signed out or the app quit)');
    if (this.agent.isConnected() && this.current.state === 'registered') {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, UNREGISTER_WAIT_MS);
        const done = () => (clearTimeout(timer), resolve());
        this.registerer.unregister({ requestDelegate: { onAccept: done, onReject: done } }).catch(done);
      });
    }
    await this.agent.stop();
    this.setState({ state: 'unregistered', reason: null, retryInSeconds: null });
  }

  private register(): void {
    if (this.current.state !== 'registered')
      this.setState({ state: 'registering', reason: null, retryInSeconds: null });
    const options: RegistererRegisterOptions = {
      requestDelegate: {
        onAccept: () => {
          this.attempt = 0;
          this.setState({ state: 'registered', reason: null, retryInSeconds: null });
          if (this.iceRestartDue) {
            this.iceRestartDue = false;
            void this.calls.restartIce();
          }
        },
        onReject: (response) => {
          const status = response.message.statusCode ?? 0;
          if (status === 401 || status === 403 || status === 407) {
            this.setState({ state: 'failed', reason: 'wrong-password', retryInSeconds: null });
          } else this.scheduleRetry();
        },
      },
    };
    // A REGISTER already waiting for its answer covers this one.
    this.registerer.register(options).catch(() => undefined);
  }

  private connectionLost(): void {
    if (this.retryTimer || this.stopped) return;
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    this.clearRetry();
    const delay = retryDelay(this.attempt++, this.random);
    this.setState({
      state: 'registering',
      reason: 'server-unreachable',
      retryInSeconds: Math.ceil(delay / 1000),
    });
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.reconnect();
    }, delay);
  }

  private async reconnect(): Promise<void> {
    if (this.stopped) return;
    try {
      await this.agent.reconnect();
    } catch {
      return this.scheduleRetry();
    }
    this.register();
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private setState(next: Registration): void {
    const same =
      next.state === this.current.state &&
      next.reason === this.current.reason &&
      next.retryInSeconds === this.current.retryInSeconds;
    this.current = next;
    if (!same) this.emit('state', next);
  }
}
