// Keep-alives for phones behind NAT (RFC 5626 §3.5 in spirit, as Kamailio's nathelper does it):
// a binding reached through the mapping its REGISTER opened gets an OPTIONS every interval,
// which keeps that mapping open, and a binding whose phone no longer answers at all is dropped,
// so calls stop ringing an address that leads nowhere. Any answer, even a refusal, shows the
// phone is there. Phones on an outbound flow keep their own flow alive (STUN or CRLF).
import { randomUUID } from 'node:crypto';
import type { Logger } from '../logger';
import { SipHeaders } from './headers';
import { newBranch, newTag } from './fields';
import type { SipRequest } from './message';
import type { SipStack } from './stack';
import type { Binding, Registrar } from './registrar';

/** Made up by the client transaction: nothing came back in time, or the flow is gone. */
const NO_ANSWER = new Set([408, 503]);

export class NatKeepAlive {
  private timer: NodeJS.Timeout | null = null;
  /** Bindings with an OPTIONS in flight: one at a time each, however slow the phone. */
  private readonly inFlight = new Set<string>();

  constructor(
    private readonly stack: SipStack,
    private readonly registrar: Registrar,
    private readonly domain: string,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.round(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Pings waiting for an answer: at most one per binding, so bounded by the bindings' cap. */
  get pending(): number {
    return this.inFlight.size;
  }

  private round(): void {
    for (const binding of this.registrar.all())
      if (this.registrar.needsKeepAlive(binding) && !this.inFlight.has(binding.id)) this.ping(binding);
  }

  private ping(binding: Binding): void {
    const { uri, flow } = this.registrar.destinationOf(binding);
    const headers = new SipHeaders();
    headers.append('Via', this.stack.viaFor(flow, newBranch()));
    headers.append('Max-Forwards', '70');
    headers.append('From', `<sip:switchboard@${this.domain}>;tag=${newTag()}`);
    headers.append('To', `<${uri}>`);
    headers.append('Call-ID', `${randomUUID()}@switchboard`);
    headers.append('CSeq', '1 OPTIONS');
    const request: SipRequest = { kind: 'request', method: 'OPTIONS', uri, headers, body: Buffer.alloc(0) };
    this.inFlight.add(binding.id);
    this.stack.request(flow, request, (response) => {
      if (response.status < 200) return;
      this.inFlight.delete(binding.id);
      if (!NO_ANSWER.has(response.status)) return;
      this.registrar.drop(binding);
      this.logger.info(
        { extension: binding.extension, address: flow.address, port: flow.port },
        'registration dropped: the phone stopped answering keep-alives',
      );
    });
  }
}
