// Ringing a ring group's members: who is rung, in what order and for how long. The phones of
// each member are rung by the same Ringer that rings an extension (all of its contacts at once);
// this file only decides which extensions, when, and who answered.
import type { RingGroupPlan } from '../../directory/ring-groups';
import type { Destination } from './leg';
import type { RingOutcome } from './ringer';

export type AnsweredRing = Extract<RingOutcome, { kind: 'answered' }>;

/** How ringing some contacts ended and, when one answered, which contact took it. */
export interface Rung {
  outcome: RingOutcome;
  destination: Destination | null;
}

/**
 * What ringing a group uses from the call and the office. `R` is the call's own record of a
 * ringing (it may hold more, such as the media points an answer needs).
 */
export interface GroupRinging<R extends Rung> {
  /** The registered contacts of a member's extension (without the calling device). */
  destinations(extension: string): Destination[];
  /** Whether the extension is in an answered call now. */
  onCall(extension: string): boolean;
  /** Rings these contacts for the caller, for up to `seconds`; 'bridge-full' when none could be. */
  ring(destinations: Destination[], seconds: number): Promise<R | 'bridge-full'>;
  /** Milliseconds, the office's clock. */
  now(): number;
}

export type GroupOutcome<R extends Rung> =
  | { kind: 'answered'; member: string; rung: R; answer: AnsweredRing }
  | { kind: 'cancelled' }
  /** Nobody answered within the group's time (or nobody could be rung). */
  | { kind: 'overflow' };

/**
 * The members to ring, in order: round robin starts after the member who answered last; the
 * caller is never rung for their own call; busy and do-not-disturb members are left out when
 * the group says so. (Logged-out members are not in the plan at all.)
 */
export function membersToRing(
  plan: RingGroupPlan,
  callerNumber: string,
  onCall: (extension: string) => boolean,
): string[] {
  let members = plan.members;
  if (plan.strategy === 'round-robin') {
    const last = members.findIndex((member) => member.extension === plan.lastAnswered);
    members = [...members.slice(last + 1), ...members.slice(0, last + 1)];
  }
  return members
    .filter((member) => member.extension !== callerNumber)
    .filter((member) => !plan.skipBusy || (!member.doNotDisturb && !onCall(member.extension)))
    .map((member) => member.extension);
}

/**
 * All at once: every member's phones for the group's time. Hunt and round robin: one member
 * after the other, each for the member ring time, once through the list, and never past the
 * group's time in all. A member whose phones could not be rung for want of media room is
 * passed over like one with no phones.
 */
export async function ringGroup<R extends Rung>(
  plan: RingGroupPlan,
  callerNumber: string,
  ringing: GroupRinging<R>,
): Promise<GroupOutcome<R>> {
  const members = membersToRing(plan, callerNumber, (extension) => ringing.onCall(extension));
  if (plan.strategy === 'all') {
    const memberOf = new Map<Destination, string>();
    for (const member of members)
      for (const destination of ringing.destinations(member)) memberOf.set(destination, member);
    if (memberOf.size === 0) return { kind: 'overflow' };
    const rung = await ringing.ring([...memberOf.keys()], plan.groupRingSeconds);
    if (rung === 'bridge-full') return { kind: 'overflow' };
    // The answering contact is one of those rung, so its member is known.
    return settled(rung, rung.destination ? memberOf.get(rung.destination)! : '');
  }
  const deadline = ringing.now() + plan.groupRingSeconds * 1000;
  for (const member of members) {
    const left = (deadline - ringing.now()) / 1000;
    if (left <= 0) break;
    const destinations = ringing.destinations(member);
    if (destinations.length === 0) continue;
    const rung = await ringing.ring(destinations, Math.min(plan.memberRingSeconds, left));
    if (rung === 'bridge-full') continue;
    const kind = rung.outcome.kind;
    if (kind === 'answered' || kind === 'cancelled') return settled(rung, member);
  }
  return { kind: 'overflow' };
}

function settled<R extends Rung>(rung: R, member: string): GroupOutcome<R> {
  if (rung.outcome.kind === 'answered') return { kind: 'answered', member, rung, answer: rung.outcome };
  if (rung.outcome.kind === 'cancelled') return { kind: 'cancelled' };
  return { kind: 'overflow' };
}
