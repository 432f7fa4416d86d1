// Where a receptionist's key puts a caller the agent already answered: the number is rung as if
// dialled — a ring group by its strategy, an extension on all its phones for its ring time, an
// outside number through the trunks in failover order — through ring-for-leg.ts, since the
// caller's leg is already in a dialog.
import type { CallParty } from '../../directory/call-log';
import type { CallContext } from './call';
import { DEFAULT_RING_SECONDS, partyOf } from './party';
import { assertedIdentity } from './identity';
import type { Leg } from './leg';
import { ringForLeg, type LegRinging } from './ring-for-leg';
import { ringGroup } from './ring-group';
import { OUTSIDE_RING_SECONDS, nextTrunkMayTake } from './outside-route';
import type { PutThrough } from './receptionist-access';
import type { RingGroupPlan } from '../../directory/ring-groups';

/** Who took the call, on which leg. */
export interface AnsweredAfterMenu {
  leg: Leg;
  party: CallParty;
  /** Runs when the call ends, with its talk time: an outside call frees its trunk channel and caps. */
  finished?: (talkSeconds: number) => void;
}

/** Who answered, and what the joined call plays on hold. */
export interface PutThroughAnswer extends AnsweredAfterMenu {
  music: Int16Array | null;
}

/**
 * A key to an outside number makes the company's own call: the caller is a stranger whose number
 * holds no permission and counts against nobody's cap, so the company's reach, its office-wide
 * cap and its main number as caller ID apply (outbound-calls.ts). The number was checked when the
 * key was saved; emergency and premium-rate ones never get this far.
 */
async function ringOutside(
  context: CallContext,
  leg: Leg,
  caller: CallParty,
  number: string,
  ringing: (party: CallParty) => LegRinging,
): Promise<AnsweredAfterMenu | null> {
  const route = await context.outside?.(number, caller, null, true);
  if (!route || route.kind === 'refuse') return null;
  const toCallee = ringing(route.callee);
  for await (const attempt of route.attempts) {
    if (toCallee.signal?.aborted) {
      attempt.release();
      break;
    }
    const rung = await ringForLeg(context, leg, [attempt.destination], OUTSIDE_RING_SECONDS, {
      ...toCallee,
      addressing: attempt,
    });
    if (rung.joined) {
      rung.joined.carrierDtmf = attempt.dtmf;
      return {
        leg: rung.joined,
        party: route.callee,
        finished: (talkSeconds) => {
          attempt.release();
          route.finished(talkSeconds);
        },
      };
    }
    attempt.release();
    const { outcome } = rung;
    if (outcome.kind !== 'unavailable' || !nextTrunkMayTake(outcome.refusals[0] ?? 503)) break;
  }
  route.finished(0);
  return null;
}

/** A ring group by its strategy; the member who answered. */
async function ringGroupForLeg(
  context: CallContext,
  leg: Leg,
  caller: CallParty,
  group: RingGroupPlan,
  ringing: (party: CallParty) => LegRinging,
  signal: AbortSignal,
): Promise<AnsweredAfterMenu | null> {
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
            ringing({ number: group.extension, name: group.name, userId: null }),
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

/** An extension on all its phones for its ring time. */
async function ringExtensionForLeg(
  context: CallContext,
  leg: Leg,
  number: string,
  ringing: (party: CallParty) => LegRinging,
): Promise<AnsweredAfterMenu | null> {
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

/**
 * Rings where the key puts the caller. The call that follows plays on hold the music of the ring
 * group it went to, if that group chose its own, else the receptionist's own, else the company's
 * default (musicFor): the group is where the caller ended up, and its members chose what their
 * callers hear. While the target rings, the receptionist's agent still has the caller, so the
 * receptionist's choice decides what they hear (ringback, or its music: receptionist-handler.ts),
 * whatever a ring group's own `callerHears` says to those who dial the group.
 */
export async function ringAfterMenu(
  context: CallContext,
  leg: Leg,
  caller: CallParty,
  { number, outside, receptionistId }: PutThrough,
  answering: () => void,
  /** Aborted when the caller hangs up: nobody more is rung. */
  signal: AbortSignal,
): Promise<PutThroughAnswer | null> {
  const group = outside ? null : await context.ringGroups.find(number);
  // Chosen before ringing: a call with music is anchored, so the agent can play it there.
  const music = await context.holdMusic(group?.id ?? null, receptionistId);
  const ringing = (party: CallParty): LegRinging => ({
    from: caller,
    to: number,
    headers: [],
    identity: [assertedIdentity(party, context.domain)],
    answering,
    signal,
    music,
  });
  const answered = outside
    ? await ringOutside(context, leg, caller, number, ringing)
    : group
      ? await ringGroupForLeg(context, leg, caller, group, ringing, signal)
      : await ringExtensionForLeg(context, leg, number, ringing);
  return answered && { ...answered, music };
}
