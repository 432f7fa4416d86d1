// Where a receptionist's key puts a caller the agent already answered: the number is rung as if
// dialled — a ring group by its strategy, an extension on all its phones for its ring time —
// through ring-for-leg.ts, since the caller's leg is already in a dialog.
import type { CallParty } from '../../directory/call-log';
import type { CallContext } from './call';
import { DEFAULT_RING_SECONDS, partyOf } from './party';
import { assertedIdentity } from './identity';
import type { Leg } from './leg';
import { ringForLeg, type LegRinging } from './ring-for-leg';
import { ringGroup } from './ring-group';

/** Who took the call, on which leg. */
export interface AnsweredAfterMenu {
  leg: Leg;
  party: CallParty;
}

export async function ringAfterMenu(
  context: CallContext,
  leg: Leg,
  caller: CallParty,
  number: string,
  answering: () => void,
  /** Aborted when the caller hangs up: nobody more is rung. */
  signal: AbortSignal,
): Promise<AnsweredAfterMenu | null> {
  const ringing = (party: CallParty): LegRinging => ({
    from: caller,
    to: number,
    headers: [],
    identity: [assertedIdentity(party, context.domain)],
    answering,
    signal,
  });
  const group = await context.ringGroups.find(number);
  if (group) {
    const outcome = await ringGroup(group, caller.number, {
      destinations: (extension) => context.destinations(extension, null),
      onCall: (extension) => context.onCall(extension),
      // The caller may hang up between two members' turns.
      ring: (destinations, seconds) =>
        signal.aborted
          ? Promise.resolve({
              outcome: { kind: 'cancelled' },
              destination: null,
              joined: null,
              refusal: null,
            })
          : ringForLeg(
              context,
              leg,
              destinations,
              seconds,
              ringing({ number, name: group.name, userId: null }),
            ),
      now: context.clock,
    });
    if (outcome.kind !== 'answered' || !outcome.rung.joined) return null;
    const member = group.members.find((m) => m.extension === outcome.member)!;
    await context.ringGroups.answered(group.id, member.extension);
    return {
      leg: outcome.rung.joined,
      party: { number: member.extension, name: member.name, userId: member.userId },
    };
  }
  const target = await context.findTarget(number);
  if (!target || target.preferences?.doNotDisturb) return null;
  const destinations = context.destinations(number, null);
  if (destinations.length === 0) return null;
  const party = partyOf(target);
  const rung = await ringForLeg(
    context,
    leg,
    destinations,
    target.preferences?.ringTimeoutSeconds ?? DEFAULT_RING_SECONDS,
    ringing(party),
  );
  return rung.joined && { leg: rung.joined, party };
}
