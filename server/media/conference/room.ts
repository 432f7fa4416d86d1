// One running conference: who is in it, the mixer that lets them hear each other, and what
// its moderators may do. A tone tells the others when someone joins or leaves; when the last
// moderator of a bridge set to end with its moderator leaves, everybody is hung up.
import { randomUUID } from 'node:crypto';
import type { LiveConference, LiveParticipant } from '../../../common/api/conferences';
import type { CallParty } from '../../directory/call-log';
import type { ConferencePlan } from '../../directory/conferences';
import type { Ticker } from '../ticker';
import { Mixer, type Talker } from './mixer';

const RATE = 8000;

/** Two short notes, rising for a join and falling for a leave, soft-edged so they do not click. */
function notes(first: number, second: number): Int16Array {
  const each = Math.round(0.12 * RATE);
  const ramp = Math.round(0.01 * RATE);
  return Int16Array.from({ length: each * 2 }, (_, i) => {
    const at = i % each;
    const edge = Math.min(1, at / ramp, (each - 1 - at) / ramp);
    const hz = i < each ? first : second;
    return Math.round(6000 * edge * Math.sin((2 * Math.PI * hz * at) / RATE));
  });
}
export const JOIN_TONE = notes(660, 880);
export const LEAVE_TONE = notes(880, 660);

export type DismissReason = 'removed' | 'ended';

/** One caller's place in the conference. */
export interface Seat {
  readonly id: string;
  readonly party: CallParty;
  readonly moderator: boolean;
  readonly joinedAt: string;
  readonly talker: Talker;
}

interface SeatEntry extends Seat {
  /** Hangs the caller up: a moderator removed them, or the conference ended. */
  dismiss(reason: DismissReason): void;
}

export class Room {
  private readonly seats = new Map<string, SeatEntry>();
  private readonly mixer: Mixer;

  constructor(
    readonly plan: ConferencePlan,
    ticker: Ticker,
    /** Told after every change of who is in it or who is muted. */
    private readonly changed: (room: Room, left: Seat | null) => void,
  ) {
    this.mixer = new Mixer(ticker);
  }

  get size(): number {
    return this.seats.size;
  }

  get full(): boolean {
    return this.seats.size >= this.plan.maxParticipants;
  }

  has(seatId: string): boolean {
    return this.seats.has(seatId);
  }

  /** Seats the caller: from now on they hear the others through `hear` and speak through the seat's talker. */
  join(
    party: CallParty,
    moderator: boolean,
    joinedAt: string,
    hear: (frame: Int16Array) => void,
    dismiss: (reason: DismissReason) => void,
  ): Seat {
    for (const other of this.seats.values()) other.talker.lay(JOIN_TONE);
    const seat: SeatEntry = {
      id: randomUUID(),
      party,
      moderator,
      joinedAt,
      talker: this.mixer.join(hear),
      dismiss,
    };
    this.seats.set(seat.id, seat);
    this.changed(this, null);
    return seat;
  }

  leave(seat: Seat): void {
    if (!this.seats.delete(seat.id)) return;
    this.mixer.leave(seat.talker);
    for (const other of this.seats.values()) other.talker.lay(LEAVE_TONE);
    this.changed(this, seat);
    const moderatorsLeft = [...this.seats.values()].some((s) => s.moderator);
    if (seat.moderator && this.plan.endWithModerator && !moderatorsLeft) this.end();
  }

  /** Hangs everybody up. */
  end(): void {
    for (const seat of [...this.seats.values()]) seat.dismiss('ended');
  }

  /** Whether the user is in the conference as a moderator. */
  moderatedBy(userId: string): boolean {
    return [...this.seats.values()].some((seat) => seat.moderator && seat.party.userId === userId);
  }

  setMuted(seatId: string, muted: boolean): void {
    const seat = this.seats.get(seatId);
    if (!seat) return;
    seat.talker.muted = muted;
    this.changed(this, null);
  }

  remove(seatId: string): void {
    this.seats.get(seatId)?.dismiss('removed');
  }

  /** Frames taken from the talkers since their audio came, and those that found none (lost or late). */
  audio(): { frames: number; gaps: number } {
    let frames = 0;
    let gaps = 0;
    for (const seat of this.seats.values()) {
      frames += seat.talker.frames;
      gaps += seat.talker.gaps;
    }
    return { frames, gaps };
  }

  /** Users with a seat (each once). */
  userIds(): string[] {
    const ids = [...this.seats.values()].map((seat) => seat.party.userId);
    return [...new Set(ids.filter((id): id is string => id !== null))];
  }

  /** The conference as the user's app shows it. */
  view(userId: string): LiveConference {
    const participants: LiveParticipant[] = [...this.seats.values()].map((seat) => ({
      id: seat.id,
      number: seat.party.number,
      name: seat.party.name,
      moderator: seat.moderator,
      muted: seat.talker.muted,
      joinedAt: seat.joinedAt,
    }));
    return {
      id: this.plan.id,
      name: this.plan.name,
      extension: this.plan.extension,
      moderator: this.moderatedBy(userId),
      participants,
    };
  }
}
