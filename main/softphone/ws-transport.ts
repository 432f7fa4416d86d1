// sip.js's transport over the `ws` package (Node has no WebSocket of its own in version 20).
// It watches the connection with WebSocket pings: a peer that stops answering is dropped, so
// a dead connection is noticed in seconds, not when the next REGISTER times out.
import WebSocket from 'ws';
import { EmitterImpl, TransportState, type Core, type Emitter, type Transport } from 'sip.js';

export interface WsTransportOptions {
  server: string;
  /** How often the connection is checked; no pong by the next check drops it. */
  pingIntervalMs: number;
}

export class WsTransport implements Transport {
  readonly protocol: string;
  onConnect: (() => void) | undefined;
  onDisconnect: ((error?: Error) => void) | undefined;
  onMessage: ((message: string) => void) | undefined;
  private readonly stateEmitter = new EmitterImpl<TransportState>();
  private current: TransportState = TransportState.Disconnected;
  private socket: WebSocket | null = null;
  private connecting: Promise<void> | null = null;
  private pinger: NodeJS.Timeout | null = null;

  constructor(
    _logger: Core.Logger,
    private readonly options: WsTransportOptions,
  ) {
    this.protocol = options.server.startsWith('wss:') ? 'WSS' : 'WS';
  }

  get state(): TransportState {
    return this.current;
  }

  get stateChange(): Emitter<TransportState> {
    return this.stateEmitter;
  }

  isConnected(): boolean {
    return this.current === TransportState.Connected;
  }

  connect(): Promise<void> {
    if (this.current === TransportState.Connected) return Promise.resolve();
    this.connecting ??= new Promise<void>((resolve, reject) => {
      this.transition(TransportState.Connecting);
      const socket = new WebSocket(this.options.server, 'sip', { handshakeTimeout: 5000 });
      this.socket = socket;
      let opened = false;
      socket.on('open', () => {
        opened = true;
        this.connecting = null;
        this.watch(socket);
        this.transition(TransportState.Connected);
        resolve();
      });
      socket.on('message', (data) => this.onMessage?.(data.toString()));
      socket.on('error', () => undefined); // 'close' follows and says what happened
      socket.on('close', (code, reason) => {
        if (this.socket !== socket) return;
        this.socket = null;
        this.stopWatching();
        const error =
          code === 1000 ? undefined : new Error(`WebSocket closed (${code} ${reason.toString()})`);
        if (!opened) {
          this.connecting = null;
          reject(new Error(`Cannot connect to ${this.options.server}`));
        }
        this.transition(TransportState.Disconnected, error);
      });
    });
    return this.connecting;
  }

  async disconnect(): Promise<void> {
    const socket = this.socket;
    if (!socket) return;
    this.transition(TransportState.Disconnecting);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.close(1000);
    await closed;
  }

  async dispose(): Promise<void> {
    await this.disconnect();
  }

  send(message: string): Promise<void> {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN)
      return Promise.reject(new Error('The SIP WebSocket is not connected'));
    return new Promise((resolve, reject) =>
      socket.send(message, (error) => (error ? reject(error) : resolve())),
    );
  }

  private watch(socket: WebSocket): void {
    let answered = true;
    socket.on('pong', () => (answered = true));
    this.pinger = setInterval(() => {
      if (!answered) return socket.terminate();
      answered = false;
      socket.ping();
    }, this.options.pingIntervalMs);
  }

  private stopWatching(): void {
    if (this.pinger) clearInterval(this.pinger);
    this.pinger = null;
  }

  private transition(state: TransportState, error?: Error): void {
    const was = this.current;
    if (was === state) return;
    this.current = state;
    if (state === TransportState.Connected) this.onConnect?.();
    if (state === TransportState.Disconnected && was !== TransportState.Connecting)
      this.onDisconnect?.(error);
    this.stateEmitter.emit(state);
  }
}
