// Every conference running on the media agent, by bridge, and the caps that hold over all of
// them: how many bridges run at once and how many callers they hold together. Whoever sits in
// a conference hears of each change in their app; moderators act on it through here.
import type { LiveConference } from '../../../common/api/conferences';
import type { CallParty } from '../../directory/call-log';
import type { ConferencePlan } from '../../directory/conferences';
import { OfficeError, notFound } from '../../errors';
import type { Ticker } from '../ticker';
import { Room, type DismissReason, type Seat } from './room';

export interface ConferenceLimits {
  /** Bridges running at once. */
  maxConferences: number;
  /** Callers in all bridges together. */
  maxParticipants: number;
}

/** Measured by `npm run bench:conference` on a 2-core machine: see its figures before raising these. */
export const DEFAULT_CONFERENCE_LIMITS: ConferenceLimits = { maxConferences: 20, maxParticipants: 100 };

/** A user's app is told what a conference now looks like to them, or null once they left it. */
export type ConferenceNotice = (userId: string, conferenceId: string, view: LiveConference | null) => void;

export type ModeratorAction = { kind: 'mute'; muted: boolean } | { kind: 'remove' };

export class ConferenceRooms {
  private readonly rooms = new Map<string, Room>();
  private participants = 0;

  constructor(
    private readonly limits: ConferenceLimits,
    private readonly ticker: Ticker,
    private readonly notify: ConferenceNotice,
  ) {}

  get activeParticipants(): number {
    return this.participants;
  }

  get activeConferences(): number {
    return this.rooms.size;
  }

  /** The talkers' frames and gaps over every running conference (see Room.audio): what a benchmark reads. */
  audio(): { frames: number; gaps: number } {
    const total = { frames: 0, gaps: 0 };
    for (const room of this.rooms.values()) {
      const { frames, gaps } = room.audio();
      total.frames += frames;
      total.gaps += gaps;
    }
    return total;
  }

  /** Whether one more caller fits in this bridge now. */
  hasRoom(plan: ConferencePlan): boolean {
    if (this.participants >= this.limits.maxParticipants) return false;
    const room = this.rooms.get(plan.id);
    if (room) return room.size < plan.maxParticipants;
    return this.rooms.size < this.limits.maxConferences;
  }

  /** How many callers the bridge has now. */
  sizeOf(bridgeId: string): number {
    return this.rooms.get(bridgeId)?.size ?? 0;
  }

  /** Seats the caller, or null when the bridge or the office is full. */
  join(
    plan: ConferencePlan,
    party: CallParty,
    moderator: boolean,
    joinedAt: string,
    hear: (frame: Int16Array) => void,
    dismiss: (reason: DismissReason) => void,
  ): Seat | null {
    if (!this.hasRoom(plan)) return null;
    let room = this.rooms.get(plan.id);
    if (!room) {
      // The bridge's settings as they were when its first caller came, until it empties.
      room = new Room(plan, this.ticker, (changed, left) => this.changed(changed, left));
      this.rooms.set(plan.id, room);
    }
    this.participants++;
    return room.join(party, moderator, joinedAt, hear, dismiss);
  }

  leave(bridgeId: string, seat: Seat): void {
    const room = this.rooms.get(bridgeId);
    if (!room?.has(seat.id)) return;
    this.participants--;
    room.leave(seat);
    if (room.size === 0) this.rooms.delete(bridgeId);
  }

  /** The conferences the user sits in now. */
  of(userId: string): LiveConference[] {
    return [...this.rooms.values()]
      .filter((room) => room.userIds().includes(userId))
      .map((room) => room.view(userId));
  }

  /**
   * A moderator mutes, unmutes or removes a participant: only a moderator in the participant's
   * conference may. A participant of a conference the user is not in is not found for them.
   * Answers the bridge's id.
   */
  moderate(userId: string, seatId: string, action: ModeratorAction): string {
    const room = [...this.rooms.values()].find((r) => r.has(seatId));
    if (!room?.userIds().includes(userId)) throw notFound('Participant');
    if (!room.moderatedBy(userId))
      throw new OfficeError(403, 'forbidden', 'Only a moderator of this conference may do that');
    if (action.kind === 'mute') room.setMuted(seatId, action.muted);
    else room.remove(seatId);
    return room.plan.id;
  }

  private changed(room: Room, left: Seat | null): void {
    for (const userId of room.userIds()) this.notify(userId, room.plan.id, room.view(userId));
    const gone = left?.party.userId;
    if (gone && !room.userIds().includes(gone)) this.notify(gone, room.plan.id, null);
  }
}
