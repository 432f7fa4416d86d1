// Calls to a receptionist's extension (dialled, or the route of a phone number): the media agent
// answers with the menu, and a key puts the caller through to a number, rung as if dialled
// (ring-after-menu.ts). An office without a media agent has no receptionist to answer.
import type { CallParty } from '../../directory/call-log';
import type { Body } from './leg';
import type { AnsweringOutcome } from './unanswered';

/** Where a key puts the caller: a number of the office, or an outside one (through the trunks). */
export interface PutThrough {
  number: string;
  outside: boolean;
  /** The receptionist whose menu put the caller through: its own music plays on hold. */
  receptionistId: string;
}

export interface ReceptionistCall {
  caller: CallParty;
  /** The receptionist's extension. */
  number: string;
  /** Where the caller's INVITE came from. */
  sourceAddress: string;
  /** The caller's INVITE body: its SDP offer. */
  offer: Body;
  /**
   * Rings the target for the caller as if they had dialled it. True once someone answered and
   * the caller talks to them (the agent's part is over); false when nobody did. `answering` runs
   * the moment they answer, before the caller's media moves to them.
   */
  transfer(target: PutThrough, answering: () => void): Promise<boolean>;
}

/** The agent answering the receptionist's extension; null when `number` is no receptionist's. */
export type ReceptionistHandler = (call: ReceptionistCall) => Promise<AnsweringOutcome | null>;

export const noReceptionist: ReceptionistHandler = () => Promise.resolve(null);
