// What call control needs to know of a call to a number outside the office, without knowing of
// trunks: whether it may go, and if so the attempts to make (one per trunk, in failover order),
// each with where the INVITE goes and what it says of who calls.
import type { CallParty } from '../../directory/call-log';
import type { DtmfMode } from '../../../common/api/trunks';
import type { DigestCredentials } from './challenge-answer';
import type { Body, Destination } from './leg';

/** How long a call out rings before it counts as not answered (carriers often give up sooner). */
export const OUTSIDE_RING_SECONDS = 90;

/** Why a call was forwarded outside, as Diversion (RFC 5806) and History-Info (RFC 7044) say it. */
export type ForwardReason = 'unconditional' | 'user-busy' | 'no-answer';

export interface Forwarding {
  /** Whose forwarding rule sent the call out. */
  by: CallParty;
  reason: ForwardReason;
}

export interface OutsideAttempt {
  destination: Destination;
  /** The B leg's From (no tag) and To name-addrs. */
  from: string;
  to: string;
  /** Caller ID and redirection headers the trunk asks for. */
  headers: [string, string][];
  /** The offer as the trunk takes it (only its codecs); null when it allows none offered. */
  restrictOffer: (offer: Body) => Body | null;
  /** The trunk's account, answering the carrier's challenge to the INVITE; absent on an IP trunk. */
  credentials?: DigestCredentials;
  /** Frees the trunk's channel. */
  release: () => void;
  /** How the trunk's carrier takes keys (the answered leg's `carrierDtmf`). */
  dtmf: DtmfMode;
}

export type OutsideRoute =
  | { kind: 'refuse'; status: number; reason: string }
  | {
      kind: 'route';
      /** The called party as the call log and the caller's screen show it. */
      callee: CallParty;
      /** One attempt per trunk that is up, in failover order (opening the next is lazy). */
      attempts: AsyncIterable<OutsideAttempt>;
      /** The call ended after `talkSeconds` of conversation: frees what it held, counts its minutes. */
      finished: (talkSeconds: number) => void;
    };

/**
 * The route to an outside number; null when `number` is none (then it is simply not found).
 * `byCompany`: the call is the company's own (a receptionist's key), not the caller's.
 */
export type OutsideRouter = (
  number: string,
  caller: CallParty,
  forwarding: Forwarding | null,
  byCompany?: boolean,
) => Promise<OutsideRoute | null>;

/**
 * Whether another trunk may take a call one refused: a server's failure may be the carrier's
 * alone, a challenge left unanswered is this trunk's account refused, and 488 its codecs.
 */
export const nextTrunkMayTake = (refusal: number): boolean =>
  refusal >= 500 || [401, 407, 408, 488].includes(refusal);
