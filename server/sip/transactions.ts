// Server and client transactions (RFC 3261 §17). Over UDP they retransmit on Timers A, E and G
// and give up on Timers B, F and H; over reliable transports they only time out. The stack owns
// the maps that route messages to them.
import { cseqOf, serializeMessage, type SipRequest, type SipResponse } from './message';
import { SipHeaders } from './headers';
import { retransmit, type TimerSet, type TimerValues } from './timers';
import type { Flow } from './transports/transport';

/** What a transaction needs from the stack: a way out, timers, and where to report its end. */
export interface TransactionContext {
  send(flow: Flow, bytes: Buffer): boolean;
  timers: TimerSet;
  values: TimerValues;
}

export const isReliable = (flow: Flow) => flow.transport !== 'UDP';

export interface RespondOptions {
  /**
   * Sent once, never on Timer G: for refusals of requests not yet authenticated, whose source
   * may be forged. A retransmitted request draws the same answer again.
   */
  once?: boolean;
  /** For a 2xx to INVITE: called when no ACK came within 64·T1 (the caller's side is gone). */
  onNoAck?: () => void;
}

export class ServerTransaction {
  private last: Buffer | null = null;
  private stopRetransmit: (() => void) | null = null;
  private lastStatus = 0;
  /** Set by the transaction user of an INVITE: a CANCEL for it arrived. */
  onCancel: (() => void) | null = null;
  /** A CANCEL arrived, maybe before the transaction user was ready to hear it. */
  cancelled = false;
  /** When the transaction may be forgotten; Infinity while no final answer was given. */
  expiresAt = Infinity;
  /** Called once, when the final answer goes out: the stack counts transactions still at work. */
  onFinal: (() => void) | null = null;
  readonly method: string;
  /**
   * Only an INVITE is kept (its 2xx is matched to the ACK by Call-ID and CSeq): answered
   * transactions are remembered for 32 s, and holding every request that long costs memory.
   */
  private readonly invite: SipRequest | null;

  constructor(
    request: SipRequest,
    readonly flow: Flow,
    private readonly context: TransactionContext,
    private readonly clock: () => number,
    /** For a 2xx to INVITE: the stack retransmits it until the dialog's ACK arrives. */
    private readonly awaitAck: (
      invite: SipRequest,
      flow: Flow,
      response: Buffer,
      options: RespondOptions,
    ) => void,
  ) {
    this.method = request.method;
    this.invite = request.method === 'INVITE' ? request : null;
  }

  get finalSent(): boolean {
    return this.lastStatus >= 200;
  }

  /** Answered with a failure: its ACK belongs to the transaction, not to a dialog. */
  get refused(): boolean {
    return this.lastStatus >= 300;
  }

  respond(response: SipResponse, options: RespondOptions = {}): void {
    if (this.finalSent) return;
    const bytes = serializeMessage(response);
    this.last = bytes;
    this.lastStatus = response.status;
    const { values, timers } = this.context;
    if (response.status < 200) {
      this.context.send(this.flow, bytes);
      return;
    }
    this.expiresAt = this.clock() + 64 * values.t1;
    this.onFinal?.();
    const invite = this.invite !== null;
    if (this.invite && response.status < 300) {
      this.awaitAck(this.invite, this.flow, bytes, options);
    } else if (invite && !isReliable(this.flow) && !options.once) {
      // Timer G until the ACK, Timer H gives up.
      this.stopRetransmit = retransmit(
        timers,
        () => this.context.send(this.flow, bytes),
        values.t1,
        values.t2,
      );
      timers.after(64 * values.t1, () => this.stopRetransmit?.());
    } else {
      this.context.send(this.flow, bytes);
    }
  }

  /** The caller gave up on this INVITE (§9.2): its transaction user is told if still working on it. */
  cancel(): void {
    if (this.finalSent) return;
    this.cancelled = true;
    this.onCancel?.();
  }

  /** The request came again: the last answer goes again (§17.2.1, §17.2.2). */
  retransmitted(): void {
    if (this.last && !(this.invite && this.lastStatus >= 200 && this.lastStatus < 300))
      this.context.send(this.flow, this.last);
  }

  /** The ACK for a non-2xx final answer. */
  acknowledged(): void {
    this.stopRetransmit?.();
    this.stopRetransmit = null;
  }
}

export type ResponseListener = (response: SipResponse) => void;

const madeHere = new WeakSet<SipResponse>();

/** A response the transaction made up itself (no answer came): not one the peer sent. */
export const isLocalResponse = (response: SipResponse) => madeHere.has(response);

/** A response the transaction made up itself: Timer B or F fired, or the connection is gone. */
function localResponse(request: SipRequest, status: number, reason: string): SipResponse {
  const headers = new SipHeaders();
  for (const name of ['Via', 'From', 'To', 'Call-ID', 'CSeq']) {
    const value = request.headers.get(name);
    if (value !== undefined) headers.append(name, value);
  }
  const response: SipResponse = { kind: 'response', status, reason, headers, body: Buffer.alloc(0) };
  madeHere.add(response);
  return response;
}

export class ClientTransaction {
  private stopRetransmit: (() => void) | null = null;
  private timeout: NodeJS.Timeout | null = null;
  private state: 'calling' | 'proceeding' | 'accepted' | 'completed' = 'calling';
  private ack: Buffer | null = null;

  constructor(
    readonly request: SipRequest,
    readonly flow: Flow,
    private readonly context: TransactionContext,
    private readonly listener: ResponseListener,
    private readonly ended: () => void,
  ) {}

  start(): void {
    const { values, timers } = this.context;
    const bytes = serializeMessage(this.request);
    const send = () => {
      if (!this.context.send(this.flow, bytes)) this.fail(503, 'Service Unavailable (connection gone)');
    };
    // Timer B / Timer F.
    this.timeout = timers.after(64 * values.t1, () => this.fail(408, 'Request Timeout'));
    if (isReliable(this.flow)) return send();
    const cap = this.request.method === 'INVITE' ? Number.MAX_SAFE_INTEGER : values.t2;
    this.stopRetransmit = retransmit(timers, send, values.t1, cap);
    // The very first send may already have failed and ended the transaction.
    if (this.state === 'completed') {
      this.stopRetransmit();
      this.stopRetransmit = null;
    }
  }

  private fail(status: number, reason: string): void {
    if (this.state === 'completed' || this.state === 'accepted') return;
    this.finish(0);
    this.listener(localResponse(this.request, status, reason));
  }

  /** Stops retransmitting and forgets the transaction after `lingerMs` (Timers D and K). */
  private finish(lingerMs: number): void {
    this.stopRetransmit?.();
    this.stopRetransmit = null;
    this.context.timers.clear(this.timeout);
    this.state = 'completed';
    this.context.timers.after(lingerMs, this.ended);
  }

  receive(response: SipResponse): void {
    const { values, timers } = this.context;
    const invite = this.request.method === 'INVITE';
    if (response.status < 200) {
      if (this.state !== 'calling' && this.state !== 'proceeding') return;
      this.state = 'proceeding';
      if (invite) {
        this.stopRetransmit?.();
        this.stopRetransmit = null;
      } else if (this.stopRetransmit && !isReliable(this.flow)) {
        // Timer E continues at T2 once the request is known to have arrived.
        this.stopRetransmit();
        const bytes = serializeMessage(this.request);
        this.stopRetransmit = retransmit(
          timers,
          () => this.context.send(this.flow, bytes),
          values.t2,
          values.t2,
        );
      }
      this.listener(response);
      return;
    }
    if (invite && response.status < 300) {
      // RFC 6026: every 2xx goes to the transaction user, which ACKs each one.
      if (this.state !== 'accepted') {
        this.stopRetransmit?.();
        this.stopRetransmit = null;
        timers.clear(this.timeout);
        this.state = 'accepted';
        timers.after(64 * values.t1, this.ended);
      }
      this.listener(response);
      return;
    }
    if (this.state === 'completed') {
      if (this.ack) this.context.send(this.flow, this.ack);
      return;
    }
    if (this.state === 'accepted') return;
    if (invite) {
      this.ack = serializeMessage(ackForFailure(this.request, response));
      this.context.send(this.flow, this.ack);
    }
    this.finish(isReliable(this.flow) ? 0 : invite ? 32_000 : values.t4);
    this.listener(response);
  }
}

/** The ACK a client transaction sends for a non-2xx final answer (§17.1.1.3). */
function ackForFailure(invite: SipRequest, response: SipResponse): SipRequest {
  const headers = new SipHeaders();
  headers.append('Via', invite.headers.get('Via')!);
  for (const name of ['Route', 'From', 'Call-ID', 'Max-Forwards']) {
    for (const value of invite.headers.getAll(name)) headers.append(name, value);
  }
  headers.append('To', response.headers.get('To') ?? invite.headers.get('To')!);
  headers.append('CSeq', `${cseqOf(invite).seq} ACK`);
  return { kind: 'request', method: 'ACK', uri: invite.uri, headers, body: Buffer.alloc(0) };
}
