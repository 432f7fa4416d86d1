// The SIP stack: transports in, parsed requests out to handlers by method, answers back over
// the flow they came on. Malformed requests get 400 with the reason; retransmitted requests
// get the answer already given, without reaching the handler again (RFC 3261 §17.2).
import type { Logger } from '../logger';
import type { Clock } from '../time';
import { parseMessage, serializeMessage, SipParseError, type SipRequest, type SipResponse } from './message';
import { buildResponse, formatVia, parseVia } from './fields';
import type { Flow, SipTransport } from './transports/transport';

export type RequestHandler = (request: SipRequest, flow: Flow) => Promise<SipResponse> | SipResponse;

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
];

/** Timer J / Timer H: how long a server transaction remembers its final answer (64·T1). */
const TRANSACTION_MEMORY_MS = 32_000;

interface ServerTransaction {
  /** null while the handler is still working on the first copy. */
  response: Buffer | null;
  expiresAt: number;
}

/** A reason phrase cannot carry CR/LF or go on for ever. */
function reasonPhrase(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, ' ').slice(0, 100);
}

export class SipStack {
  private readonly handlers = new Map<string, RequestHandler>();
  private readonly transactions = new Map<string, ServerTransaction>();
  /** Counted, so operators and tests can see what was refused. */
  readonly stats = { received: 0, malformed: 0, dropped: 0, retransmissions: 0 };

  constructor(
    readonly transports: SipTransport[],
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    for (const transport of transports) {
      transport.on('message', (bytes, flow) => void this.receive(transport, bytes, flow));
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

  async listen(): Promise<void> {
    await Promise.all(this.transports.map((t) => t.listen()));
  }

  async close(): Promise<void> {
    await Promise.all(this.transports.map((t) => t.close()));
  }

  send(transport: SipTransport, flow: Flow, message: SipRequest | SipResponse): boolean {
    return transport.send(flow, serializeMessage(message));
  }

  private async receive(transport: SipTransport, bytes: Buffer, flow: Flow): Promise<void> {
    this.stats.received++;
    let message;
    try {
      message = parseMessage(bytes);
    } catch (error) {
      this.stats.malformed++;
      const partial = error instanceof SipParseError ? error.partial : undefined;
      if (partial && partial.method !== 'ACK' && partial.headers.has('Via')) {
        this.send(
          transport,
          flow,
          buildResponse(partial, 400, reasonPhrase(`Bad Request (${(error as Error).message})`)),
        );
      } else {
        this.stats.dropped++;
      }
      return;
    }
    if (message.kind === 'response') return; // client transactions arrive with call control
    let key: string;
    try {
      key = this.noteSource(message, flow);
    } catch {
      this.stats.malformed++;
      this.send(transport, flow, buildResponse(message, 400, 'Bad Request (Malformed Via header)'));
      return;
    }
    if (message.method === 'ACK') return; // ACKs for 2xx go to call control with the dialog

    const now = this.clock();
    const known = this.transactions.get(key);
    if (known && known.expiresAt > now) {
      this.stats.retransmissions++;
      if (known.response) transport.send(flow, known.response);
      return;
    }
    const transaction: ServerTransaction = { response: null, expiresAt: now + TRANSACTION_MEMORY_MS };
    this.transactions.set(key, transaction);
    this.forgetOld(now);

    const handler = this.handlers.get(message.method);
    let response: SipResponse;
    try {
      response = handler
        ? await handler(message, flow)
        : buildResponse(message, 405, 'Method Not Allowed', {
            headers: [['Allow', ALLOWED_METHODS.join(', ')]],
          });
    } catch (error) {
      this.logger.error({ method: message.method, error: String(error) }, 'SIP handler failed');
      response = buildResponse(message, 500, 'Server Internal Error');
    }
    transaction.response = serializeMessage(response);
    transport.send(flow, transaction.response);
  }

  /**
   * RFC 3261 §18.2.1 and RFC 3581: the top Via learns where the request really came from, so
   * answers find their way back through NAT. Returns the server transaction key (§17.2.3).
   */
  private noteSource(request: SipRequest, flow: Flow): string {
    const [top, ...rest] = request.headers.getAll('Via');
    const via = parseVia(top!);
    if (via.host !== flow.address) via.params.set('received', flow.address);
    if (via.params.has('rport')) via.params.set('rport', String(flow.port));
    request.headers.delete('Via');
    for (const value of [formatVia(via), ...rest]) request.headers.append('Via', value);
    const branch = via.params.get('branch') ?? '';
    const method = request.method === 'ACK' ? 'INVITE' : request.method;
    return `${branch}|${via.host}:${via.port ?? ''}|${method}`;
  }

  private forgetOld(now: number): void {
    if (this.transactions.size < 1000) return;
    for (const [key, transaction] of this.transactions)
      if (transaction.expiresAt <= now) this.transactions.delete(key);
  }
}
