// Rings every registered contact of an extension at once (parallel forking). The first 2xx
// wins and the other branches are cancelled; a 2xx that arrives too late is ACKed and hung up.
import type { SipRequest, SipResponse } from '../message';
import type { SipStack } from '../stack';
import type { ClientTransaction } from '../transactions';
import { Leg, NO_BODY, cancelFor, outgoingInvite, type Body, type Destination } from './leg';

export type RingOutcome =
  /** `destination` is the branch that answered (one of those rung). */
  | { kind: 'answered'; leg: Leg; answer: SipResponse; destination: Destination }
  /** Every branch refused as busy (486, 600, 603). */
  | { kind: 'busy' }
  /** The ring timeout passed. */
  | { kind: 'no-answer' }
  /** Every branch failed otherwise (480, 408, gone). */
  | { kind: 'unavailable' }
  | { kind: 'cancelled' };

const BUSY = new Set([486, 600, 603]);

interface Branch {
  destination: Destination;
  invite: SipRequest;
  transaction: ClientTransaction | null;
  provisional: boolean;
  final: boolean;
  cancelWanted: boolean;
  /** The dialog a 2xx made on this branch. */
  leg: Leg | null;
}

export interface RingRequest {
  destinations: Destination[];
  /** From and To name-addrs of the B leg (From without a tag). */
  from: string;
  to: string;
  body: Body;
  timeoutMs: number;
  onProvisional: (response: SipResponse) => void;
}

export class Ringer {
  private readonly branches: Branch[];
  private settled = false;
  private resolve!: (outcome: RingOutcome) => void;
  readonly outcome: Promise<RingOutcome>;
  private readonly timeout: NodeJS.Timeout;
  private busy = 0;

  constructor(
    private readonly stack: SipStack,
    private readonly ring: RingRequest,
  ) {
    this.outcome = new Promise((resolve) => (this.resolve = resolve));
    this.branches = ring.destinations.map((destination) => ({
      destination,
      invite: outgoingInvite(stack, destination, ring.from, ring.to, ring.body),
      transaction: null,
      provisional: false,
      final: false,
      cancelWanted: false,
      leg: null,
    }));
    this.timeout = stack.timers.after(ring.timeoutMs, () => this.finish({ kind: 'no-answer' }));
    for (const branch of this.branches) {
      branch.transaction = stack.request(branch.destination.flow, branch.invite, (response) =>
        this.onResponse(branch, response),
      );
    }
  }

  /** The caller gave up. */
  cancel(): void {
    this.finish({ kind: 'cancelled' });
  }

  private onResponse(branch: Branch, response: SipResponse): void {
    if (response.status < 200) {
      if (response.status === 100) return;
      branch.provisional = true;
      if (branch.cancelWanted) return this.sendCancel(branch);
      if (!this.settled) this.ring.onProvisional(response);
      return;
    }
    if (response.status < 300) return this.onAnswer(branch, response);
    if (branch.final) return;
    branch.final = true;
    if (BUSY.has(response.status)) this.busy++;
    if (this.branches.every((b) => b.final))
      this.finish(this.busy > 0 ? { kind: 'busy' } : { kind: 'unavailable' });
  }

  private onAnswer(branch: Branch, response: SipResponse): void {
    if (branch.leg) {
      // The endpoint repeats its 2xx until it hears the ACK.
      branch.leg.repeatAck();
      return;
    }
    const leg = Leg.calling(this.stack, branch.invite, response, branch.destination.flow);
    branch.leg = leg;
    branch.final = true;
    if (this.settled) {
      // Answered after another branch won or the caller gave up: take it and end it at once.
      leg.ack(1, NO_BODY);
      leg.send('BYE', NO_BODY, () => undefined);
      return;
    }
    this.finish({ kind: 'answered', leg, answer: response, destination: branch.destination });
  }

  private finish(outcome: RingOutcome): void {
    if (this.settled) return;
    this.settled = true;
    this.stack.timers.clear(this.timeout);
    for (const branch of this.branches) {
      if (branch.final) continue;
      branch.cancelWanted = true;
      // §9.1: a CANCEL may only follow a provisional response; otherwise it waits for one.
      if (branch.provisional) this.sendCancel(branch);
    }
    this.resolve(outcome);
  }

  private sendCancel(branch: Branch): void {
    if (branch.final) return;
    this.stack.request(branch.destination.flow, cancelFor(branch.invite), () => undefined);
  }
}
