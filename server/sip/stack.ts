// The SIP stack: transports in, parsed requests out to handlers by method, answers back over
// the flow they came on, and requests out through client transactions. Malformed requests get
// 400 with the reason; retransmitted requests get the answer already given, without reaching
// the handler again (RFC 3261 §17.2); a CANCEL finds the INVITE it cancels.
import type { Logger } from '../logger';
import type { Clock } from '../time';
import { cseqOf, parseMessage, serializeMessage, SipParseError } from './message';
import type { SipMessage, SipRequest, SipResponse } from './message';
import { buildResponse, checkAddressHeaders, formatVia, newBranch, parseVia } from './fields';
import type { Flow, SipTransport, TransportName } from './transports/transport';
import { ClientTransaction, ServerTransaction } from './transactions';
import type { ResponseListener, RespondOptions, TransactionContext } from './transactions';
import { RFC3261_TIMERS, TimerSet, retransmit, type TimerValues } from './timers';
import { AdvertisedAddress } from './transports/advertised-address';
import { uriHost } from './transports/local-network';

/**
 * Answers a request: by returning the final response, or (INVITE) by answering through the
 * transaction later and returning nothing.
 */
export type RequestHandler = (
  request: SipRequest,
  flow: Flow,
  transaction: ServerTransaction,
) => Promise<SipResponse | void> | SipResponse | void;

/**
 * Looks at a request before any transaction exists for it. A response it returns is sent once,
 * statelessly: nothing is kept and nothing retransmitted, so a request from a forged address
 * draws a single answer of about its own size (how Kamailio challenges, with sl_send_reply).
 */
export type RequestScreen = (request: SipRequest, flow: Flow) => SipResponse | null;

/**
 * What becomes of a request before any screen or handler sees it, decided from where it came
 * from: heard as usual (`pass`), not answered at all (`drop`), answered once statelessly, or
 * taken by a handler of its own through a transaction (a call in from a carrier's trunk).
 */
export type GateVerdict = 'pass' | 'drop' | { answer: SipResponse } | { handler: RequestHandler };
export type RequestGate = (request: SipRequest, flow: Flow) => GateVerdict;

export interface TransactionLimits {
  /** Server transactions still at work (no final answer yet), from everyone together. */
  maxPending: number;
  /** The same from one source address. */
  maxPendingPerSource: number;
  /** Answered transactions remembered to absorb retransmissions; past it the oldest go early. */
  maxRemembered: number;
}

export const DEFAULT_TRANSACTION_LIMITS: TransactionLimits = {
  maxPending: 10_000,
  maxPendingPerSource: 1_000,
  maxRemembered: 200_000,
};

/** An ACK for a 2xx: it belongs to a dialog, not to a transaction. */
export type AckHandler = (ack: SipRequest, flow: Flow) => void;

export const ALLOWED_METHODS = [
  'INVITE',
  'ACK',
  'CANCEL',
  'BYE',
  'OPTIONS',
  'REGISTER',
  'INFO',
  'REFER',
  'NOTIFY',
  'SUBSCRIBE',
];

/** A reason phrase cannot carry CR/LF or go on for ever. */
function reasonPhrase(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, ' ').slice(0, 100);
}

/** What a log line quotes of a message that broke something: enough to recognise it, no more. */
function excerpt(bytes: Buffer): string {
  return bytes.toString('latin1', 0, 300).replace(/[^\x20-\x7e\r\n]/g, '.');
}

const dialogAckKey = (callId: string, cseq: number) => `${callId}|${cseq}`;

export class SipStack {
  private readonly handlers = new Map<string, RequestHandler>();
  private readonly screens = new Map<string, RequestScreen>();
  private ackHandler: AckHandler = () => undefined;
  private requestGate: RequestGate = () => 'pass';
  /** Server transactions in the order they began, so the oldest are found first. */
  private readonly servers = new Map<string, ServerTransaction>();
  private pending = 0;
  private readonly pendingBySource = new Map<string, number>();
  private lastSweep = 0;
  private readonly clients = new Map<string, ClientTransaction>();
  /** 2xx answers to INVITE being retransmitted until their ACK (§13.3.1.4). */
  private readonly awaitingAck = new Map<string, { stop: () => void }>();
  private readonly byName = new Map<TransportName, SipTransport>();
  readonly timers = new TimerSet();
  /** Counted, so operators and tests can see what was refused. */
  readonly stats = {
    received: 0,
    malformed: 0,
    dropped: 0,
    retransmissions: 0,
    /** Requests answered by a screen, without a transaction. */
    stateless: 0,
    /** Requests the gate let go unanswered. */
    gated: 0,
    /** Requests refused with 503 because too many transactions were at work. */
    overloaded: 0,
    /** Exceptions the safety nets caught: each is a bug, never expected input. */
    caught: 0,
  };
  private readonly context: TransactionContext;
  private readonly awaitAck = (invite: SipRequest, flow: Flow, bytes: Buffer, options: RespondOptions) =>
    this.retransmitUntilAck(invite, flow, bytes, options);

  constructor(
    readonly transports: SipTransport[],
    private readonly clock: Clock,
    private readonly logger: Logger,
    readonly timerValues: TimerValues = RFC3261_TIMERS,
    private readonly limits: TransactionLimits = DEFAULT_TRANSACTION_LIMITS,
    private readonly advertised = new AdvertisedAddress(),
  ) {
    this.context = {
      send: (flow, bytes) => this.byName.get(flow.transport)?.send(flow, bytes) ?? false,
      timers: this.timers,
      values: timerValues,
    };
    for (const transport of transports) {
      this.byName.set(transport.name, transport);
      transport.on('message', (bytes, flow) => void this.receiveSafely(bytes, flow));
    }
    this.handle('OPTIONS', (request) =>
      buildResponse(request, 200, 'OK', {
        headers: [
          ['Allow', ALLOWED_METHODS.join(', ')],
          ['Accept', 'application/sdp'],
          ['Supported', 'outbound, path, replaces'],
        ],
      }),
    );
  }

  handle(method: string, handler: RequestHandler): void {
    this.handlers.set(method, handler);
  }

  /** Screens requests of `method` before their transaction is made (see RequestScreen). */
  screen(method: string, screen: RequestScreen): void {
    this.screens.set(method, screen);
  }

  /** Decides on every request (but ACK and CANCEL) before screens and handlers: see GateVerdict. */
  gate(gate: RequestGate): void {
    this.requestGate = gate;
  }

  handleAck(handler: AckHandler): void {
    this.ackHandler = handler;
  }

  async listen(): Promise<void> {
    await Promise.all(this.transports.map((t) => t.listen()));
  }

  async close(): Promise<void> {
    this.timers.clearAll();
    await Promise.all(this.transports.map((t) => t.close()));
  }

  /** A request over the flow passed digest authentication: its connection keeps its place in a flood. */
  authenticated(flow: Flow): void {
    this.byName.get(flow.transport)?.confirm(flow, 'protected');
  }

  /** Sends a message outside any transaction (an ACK for a 2xx, a retransmitted 2xx). */
  send(flow: Flow, message: SipMessage): boolean {
    return this.context.send(flow, serializeMessage(message));
  }

  /**
   * The address the server writes in Via and Contact for messages over this flow: never a
   * wildcard, and `host` ready for a URI (IPv6 in brackets).
   */
  localAddress(flow: Flow): { transport: TransportName; host: string; port: number } {
    const transport = this.byName.get(flow.transport);
    if (!transport) throw new Error(`No ${flow.transport} transport`);
    return {
      transport: transport.name,
      host: uriHost(this.advertised.for(transport.host, flow)),
      port: transport.port,
    };
  }

  /** A Via of this server for a request over the flow. */
  viaFor(flow: Flow, branch = newBranch()): string {
    const local = this.localAddress(flow);
    return `SIP/2.0/${local.transport} ${local.host}:${local.port};branch=${branch};rport`;
  }

  /**
   * Sends a request through a client transaction. Its top Via must be this server's (see
   * `viaFor`); every response, and a made-up 408 or 503, reaches the listener.
   */
  request(flow: Flow, request: SipRequest, listener: ResponseListener): ClientTransaction {
    const branch = parseVia(request.headers.get('Via')!).params.get('branch') ?? '';
    const key = `${branch}|${request.method}`;
    const transaction = new ClientTransaction(request, flow, this.context, listener, () =>
      this.clients.delete(key),
    );
    this.clients.set(key, transaction);
    transaction.start();
    return transaction;
  }

  /**
   * Whatever a message makes go wrong past the parser (a 2xx whose Contact cannot be read, say)
   * is logged and the message dropped: input never takes the process down.
   */
  private async receiveSafely(bytes: Buffer, flow: Flow): Promise<void> {
    try {
      await this.receive(bytes, flow);
    } catch (error) {
      this.stats.dropped++;
      this.stats.caught++;
      this.logger.error(
        {
          transport: flow.transport,
          address: flow.address,
          port: flow.port,
          error: String(error),
          message: excerpt(bytes),
        },
        'SIP message dropped: its handling failed',
      );
    }
  }

  private async receive(bytes: Buffer, flow: Flow): Promise<void> {
    this.stats.received++;
    let message;
    try {
      message = parseMessage(bytes);
    } catch (error) {
      this.stats.malformed++;
      const partial = error instanceof SipParseError ? error.partial : undefined;
      if (partial && partial.method !== 'ACK' && partial.headers.has('Via')) {
        this.send(
          flow,
          buildResponse(partial, 400, reasonPhrase(`Bad Request (${(error as Error).message})`)),
        );
      } else {
        this.stats.dropped++;
      }
      return;
    }
    // A message that parses shows a SIP peer: its connection is no longer an idle socket.
    this.byName.get(flow.transport)?.confirm(flow, 'confirmed');
    if (message.kind === 'response') return this.receiveResponse(message);
    let key: string;
    try {
      key = this.noteSource(message, flow);
      checkAddressHeaders(message);
    } catch (error) {
      this.stats.malformed++;
      if (message.method !== 'ACK')
        this.send(
          flow,
          buildResponse(message, 400, reasonPhrase(`Bad Request (${(error as Error).message})`)),
        );
      return;
    }
    if (message.method === 'ACK') return this.receiveAck(message, key, flow);
    if (message.method === 'CANCEL') return this.receiveCancel(message, key, flow);

    const now = this.clock();
    const known = this.servers.get(key);
    if (known && known.expiresAt > now) {
      this.stats.retransmissions++;
      known.retransmitted();
      return;
    }
    const verdict = this.requestGate(message, flow);
    if (verdict === 'drop') {
      this.stats.gated++;
      return;
    }
    const screened =
      verdict === 'pass'
        ? this.screens.get(message.method)?.(message, flow)
        : 'answer' in verdict && verdict.answer;
    if (screened) {
      this.stats.stateless++;
      this.send(flow, screened);
      return;
    }
    const transaction = this.begin(message, flow, key, now);
    if (!transaction) return;

    const handler =
      typeof verdict === 'object' && 'handler' in verdict
        ? verdict.handler
        : this.handlers.get(message.method);
    try {
      const response = handler
        ? await handler(message, flow, transaction)
        : buildResponse(message, 405, 'Method Not Allowed', {
            headers: [['Allow', ALLOWED_METHODS.join(', ')]],
          });
      if (response) transaction.respond(response);
    } catch (error) {
      this.stats.caught++;
      this.logger.error(
        { method: message.method, address: flow.address, error: String(error), message: excerpt(bytes) },
        'SIP handler failed',
      );
      transaction.respond(buildResponse(message, 500, 'Server Internal Error'));
    }
  }

  /** Transactions held, answered or not: for tests and operators. */
  get openTransactions(): number {
    return this.servers.size;
  }

  /** A new server transaction, or a stateless 503 when too many are at work already. */
  private begin(request: SipRequest, flow: Flow, key: string, now: number): ServerTransaction | null {
    const source = flow.address;
    const fromSource = this.pendingBySource.get(source) ?? 0;
    if (this.pending >= this.limits.maxPending || fromSource >= this.limits.maxPendingPerSource) {
      this.stats.overloaded++;
      this.send(
        flow,
        buildResponse(request, 503, 'Service Unavailable', { headers: [['Retry-After', '5']] }),
      );
      return null;
    }
    const transaction = new ServerTransaction(request, flow, this.context, this.clock, this.awaitAck);
    this.pending++;
    this.pendingBySource.set(source, fromSource + 1);
    transaction.onFinal = () => {
      this.pending--;
      const left = (this.pendingBySource.get(source) ?? 1) - 1;
      if (left === 0) this.pendingBySource.delete(source);
      else this.pendingBySource.set(source, left);
    };
    this.servers.set(key, transaction);
    this.forgetOld(now);
    return transaction;
  }

  private receiveResponse(response: SipResponse): void {
    let branch: string;
    try {
      branch = parseVia(response.headers.get('Via')!).params.get('branch') ?? '';
    } catch {
      this.stats.malformed++;
      return;
    }
    const method = cseqOf(response).method;
    const transaction = this.clients.get(`${branch}|${method}`);
    if (transaction) transaction.receive(response);
    else this.stats.dropped++;
  }

  private receiveAck(ack: SipRequest, key: string, flow: Flow): void {
    const invite = this.servers.get(key);
    if (invite?.refused) {
      invite.acknowledged();
      return;
    }
    const cseq = cseqOf(ack).seq;
    const waiting = this.awaitingAck.get(dialogAckKey(ack.headers.get('Call-ID')!, cseq));
    if (!waiting) return this.ackHandler(ack, flow); // a retransmitted ACK, or one for a relayed 2xx
    waiting.stop();
    this.ackHandler(ack, flow);
  }

  private receiveCancel(cancel: SipRequest, key: string, flow: Flow): void {
    const invite = this.servers.get(key.replace(/\|CANCEL$/, '|INVITE'));
    if (!invite) {
      this.send(flow, buildResponse(cancel, 481, 'Call/Transaction Does Not Exist'));
      return;
    }
    this.send(flow, buildResponse(cancel, 200, 'OK'));
    invite.cancel();
  }

  private retransmitUntilAck(invite: SipRequest, flow: Flow, bytes: Buffer, options: RespondOptions): void {
    const key = dialogAckKey(invite.headers.get('Call-ID')!, cseqOf(invite).seq);
    const { t1, t2 } = this.timerValues;
    const send = () => this.context.send(flow, bytes);
    const stopSending =
      flow.transport === 'UDP' ? retransmit(this.timers, send, t1, t2) : (send(), () => undefined);
    const giveUp = this.timers.after(64 * t1, () => {
      this.awaitingAck.delete(key);
      stopSending();
      options.onNoAck?.();
    });
    this.awaitingAck.set(key, {
      stop: () => {
        this.awaitingAck.delete(key);
        stopSending();
        this.timers.clear(giveUp);
      },
    });
  }

  /**
   * RFC 3261 §18.2.1 and RFC 3581: the top Via learns where the request really came from, so
   * answers find their way back through NAT. Returns the server transaction key (§17.2.3).
   */
  private noteSource(request: SipRequest, flow: Flow): string {
    const via = parseVia(request.headers.get('Via')!);
    if (via.host !== flow.address) via.params.set('received', flow.address);
    if (via.params.has('rport')) via.params.set('rport', String(flow.port));
    request.headers.replaceFirst('Via', formatVia(via));
    const branch = via.params.get('branch') ?? '';
    const method = request.method === 'ACK' ? 'INVITE' : request.method;
    return `${branch}|${via.host}:${via.port ?? ''}|${method}`;
  }

  /**
   * Drops answered transactions past their memory, at most once a second so load stays linear;
   * past the cap, the oldest answered ones go at once (a late retransmission is then handled
   * again, which every handler tolerates).
   */
  private forgetOld(now: number): void {
    if (this.servers.size > this.limits.maxRemembered) {
      for (const [key, transaction] of this.servers) {
        if (this.servers.size <= this.limits.maxRemembered) break;
        if (transaction.finalSent) this.servers.delete(key);
      }
    }
    if (this.servers.size < 1000 || now - this.lastSweep < 1000) return;
    this.lastSweep = now;
    for (const [key, transaction] of this.servers) if (transaction.expiresAt <= now) this.servers.delete(key);
  }
}
