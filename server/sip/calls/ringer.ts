// Rings every registered contact of an extension at once (parallel forking), each with its own
// INVITE body (the caller's offer, or an anchor point's where the phone does media another
// way). The first 2xx wins; the other branches are cancelled saying the call was completed
// elsewhere (RFC 3326), so their phones do not list it as missed; a 2xx that arrives too late
// is ACKed and hung up.
import type { SipRequest, SipResponse } from '../message';
import type { SipStack } from '../stack';
import type { ClientTransaction } from '../transactions';
import { Leg, NO_BODY, cancelFor, outgoingInvite, type Body, type Destination } from './leg';
import { answeredInvite, isChallenge, type DigestCredentials } from './challenge-answer';

export type RingOutcome =
  | { kind: 'answered'; leg: Leg; answer: SipResponse; /** Which of the branches answered. */ branch: number }
  /** Every branch refused as busy (486, 600, 603). */
  | { kind: 'busy'; refusals: number[] }
  /** The ring timeout passed. */
  | { kind: 'no-answer'; refusals: number[] }
  /** Every branch failed otherwise (480, 488, 503, 408, gone). */
  | { kind: 'unavailable'; refusals: number[] }
  | { kind: 'cancelled' };

const BUSY = new Set([486, 600, 603]);
const NOT_ACCEPTABLE = 488;

/** RFC 3326: why a branch is cancelled when another one took the call. */
export const COMPLETED_ELSEWHERE = 'SIP;cause=200;text="Call completed elsewhere"';

export interface RingBranch {
  destination: Destination;
  body: Body;
}

interface Branch extends RingBranch {
  invite: SipRequest;
  transaction: ClientTransaction | null;
  provisional: boolean;
  final: boolean;
  cancelWanted: boolean;
  /** Its INVITE was challenged and sent again with the credentials: a second challenge refuses. */
  challenged: boolean;
  /** The dialog a 2xx made on this branch. */
  leg: Leg | null;
}

export interface RingRequest {
  branches: RingBranch[];
  /** From and To name-addrs of the B leg (From without a tag). */
  from: string;
  to: string;
  /** More headers of each INVITE (a transfer's Referred-By). */
  headers?: readonly [string, string][];
  timeoutMs: number;
  /**
   * A branch's offer as the far end takes it (a trunk's codecs); null when nothing it allows is
   * offered: that branch is refused 488 without an INVITE.
   */
  restrictOffer?: (offer: Body) => Body | null;
  /** What a carrier's challenge to the INVITE (401, 407) is answered with, once. */
  credentials?: DigestCredentials;
  /** A provisional response (past 100 Trying) of the branch numbered `branch`. */
  onProvisional: (response: SipResponse, branch: number) => void;
}

export class Ringer {
  private readonly branches: Branch[];
  private settled = false;
  private resolve!: (outcome: RingOutcome) => void;
  readonly outcome: Promise<RingOutcome>;
  private readonly timeout: NodeJS.Timeout;
  /** Final refusals (3xx–6xx) so far, one per branch. */
  private readonly refusals: number[] = [];
  private cancelReason: string | undefined;

  constructor(
    private readonly stack: SipStack,
    private readonly ring: RingRequest,
  ) {
    this.outcome = new Promise((resolve) => (this.resolve = resolve));
    this.branches = ring.branches.map((branch) => {
      const body = ring.restrictOffer ? ring.restrictOffer(branch.body) : branch.body;
      if (!body) this.refusals.push(NOT_ACCEPTABLE);
      return {
        ...branch,
        body: body ?? branch.body,
        invite: outgoingInvite(
          stack,
          branch.destination,
          ring.from,
          ring.to,
          body ?? branch.body,
          ring.headers,
        ),
        transaction: null,
        provisional: false,
        // Refused here: nothing to send it.
        final: !body,
        cancelWanted: false,
        challenged: false,
        leg: null,
      };
    });
    this.timeout = stack.timers.after(ring.timeoutMs, () =>
      this.finish({ kind: 'no-answer', refusals: this.refusals }),
    );
    for (const branch of this.branches) {
      if (branch.final) continue;
      branch.transaction = stack.request(branch.destination.flow, branch.invite, (response) =>
        this.onResponse(branch, response),
      );
    }
    if (this.branches.every((branch) => branch.final))
      this.finish({ kind: 'unavailable', refusals: this.refusals });
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
      if (!this.settled) this.ring.onProvisional(response, this.branches.indexOf(branch));
      return;
    }
    if (response.status < 300) return this.onAnswer(branch, response);
    if (branch.final) return;
    if (isChallenge(response) && this.answerChallenge(branch, response)) return;
    branch.final = true;
    this.refusals.push(response.status);
    if (this.branches.every((b) => b.final)) {
      const busy = this.refusals.some((status) => BUSY.has(status));
      this.finish({ kind: busy ? 'busy' : 'unavailable', refusals: this.refusals });
    }
  }

  /** Sends the branch's INVITE again answering the challenge; false when it is not answered. */
  private answerChallenge(branch: Branch, challenge: SipResponse): boolean {
    const { credentials } = this.ring;
    if (!credentials || branch.challenged || this.settled) return false;
    const invite = answeredInvite(this.stack, branch.destination.flow, branch.invite, challenge, credentials);
    if (!invite) return false;
    branch.challenged = true;
    branch.invite = invite;
    branch.provisional = false;
    branch.transaction = this.stack.request(branch.destination.flow, invite, (response) =>
      this.onResponse(branch, response),
    );
    return true;
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
    this.cancelReason = COMPLETED_ELSEWHERE;
    this.finish({ kind: 'answered', leg, answer: response, branch: this.branches.indexOf(branch) });
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
    this.stack.request(branch.destination.flow, cancelFor(branch.invite, this.cancelReason), () => undefined);
  }
}
