// The way to a carrier: its host resolved, and over TCP or TLS a connection the office opened
// (kept, and opened again once it closes). Every request the office sends a trunk goes this way,
// and what the carrier sends back over the connection reaches the stack like any other message.
import { isIP } from 'node:net';
import type { TrunkErrorCode, TrunkTransport } from '../../../common/api/trunks';
import type { SipResponse } from '../message';
import type { SipStack } from '../stack';
import { isLocalResponse } from '../transactions';
import { TcpTransport } from '../transports/tcp';
import type { Flow } from '../transports/transport';
import type { SipRequest } from '../message';
import type { Resolver } from './resolve';
import { plainAddress } from './addresses';

/**
 * Why the carrier could not be reached, as the trunk's status says it: a code the console puts in
 * the admin's language, and a detail that is only the network's own words or the address
 * concerned, never a sentence of the office's (it would reach a French admin in English).
 */
export class LinkError extends Error {
  constructor(
    readonly code: TrunkErrorCode,
    detail: string,
  ) {
    super(detail.slice(0, 200));
  }
}

export interface CarrierTarget {
  host: string;
  port: number | null;
  transport: TrunkTransport;
}

export const DEFAULT_PORTS: Record<TrunkTransport, number> = { UDP: 5060, TCP: 5060, TLS: 5061 };

/** Network errors that say nobody answers there, as opposed to a TLS handshake that failed. */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
]);

export class CarrierLink {
  private connection: Flow | null = null;
  private resolved: string[] = [];

  constructor(
    private readonly stack: SipStack,
    private readonly resolve: Resolver,
    readonly target: CarrierTarget,
    /** CAs trusted beside the system's for the carrier's TLS certificate. */
    private readonly tlsCa: Buffer[] = [],
  ) {}

  get port(): number {
    return this.target.port ?? DEFAULT_PORTS[this.target.transport];
  }

  /** The carrier's addresses as last resolved (its IP address itself when given one). */
  get addresses(): string[] {
    return this.resolved;
  }

  /** The flow to send over: a live connection, or a new one; throws a LinkError. */
  async open(): Promise<Flow> {
    if (this.connection) return this.connection;
    const address = await this.lookUp();
    if (this.target.transport === 'UDP')
      return { transport: 'UDP', address, port: this.port, connectionId: null };
    const transport = this.stack.transports.find((t) => t.name === this.target.transport);
    if (!(transport instanceof TcpTransport)) throw new LinkError('tls-not-configured', '');
    try {
      this.connection = await transport.connect(address, this.port, {
        servername: this.target.host,
        ca: this.tlsCa,
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      const tlsFailure =
        this.target.transport === 'TLS' && !UNREACHABLE.has(code) && !/^no connection/.test(String(error));
      throw new LinkError(tlsFailure ? 'tls' : 'unreachable', (error as Error).message);
    }
    return this.connection;
  }

  /** A connection closed; true when it was this link's (it opens a new one next time). */
  closed(connectionId: string): boolean {
    if (this.connection?.connectionId !== connectionId) return false;
    this.connection = null;
    return true;
  }

  private async lookUp(): Promise<string> {
    if (isIP(this.target.host) !== 0) {
      this.resolved = [plainAddress(this.target.host)];
      return this.resolved[0]!;
    }
    try {
      const found = await this.resolve(this.target.host);
      if (found.length === 0) throw new LinkError('dns', this.target.host);
      this.resolved = found.map(plainAddress);
      return this.resolved[0]!;
    } catch (error) {
      if (error instanceof LinkError) throw error;
      throw new LinkError('dns', `${this.target.host}: ${(error as Error).message}`);
    }
  }

  /**
   * Sends a request through a client transaction and waits for its final answer; an answer the
   * transaction made up (no answer in time, the connection gone) is a LinkError.
   */
  async request(flow: Flow, request: SipRequest): Promise<SipResponse> {
    const response = await new Promise<SipResponse>((resolve) =>
      this.stack.request(flow, request, (answer) => {
        if (answer.status >= 200) resolve(answer);
      }),
    );
    if (!isLocalResponse(response)) return response;
    if (response.status === 408) throw new LinkError('no-answer', `${this.target.host}:${this.port}`);
    throw new LinkError('connection-closed', `${this.target.host}:${this.port}`);
  }
}
