// "Where will my calls go?": what the office does with a call arriving now, worked out from the
// person's preferences exactly as the office's call control applies them (server/sip/calls).
import type { Preferences } from '../../../../common/api/preferences';

/** Where a call ends up when nobody picks it up at the extension. */
export type CallEnd = { kind: 'forward'; target: string } | { kind: 'voicemail' } | { kind: 'missed' };

export type CallRoute =
  /** Do-not-disturb: nothing rings. */
  | { kind: 'do-not-disturb'; then: CallEnd }
  /** Forward always: the call goes straight on. */
  | { kind: 'forward-always'; target: string }
  /** The person's devices ring, then the no-answer and busy rules apply. */
  | { kind: 'ring'; seconds: number; noAnswer: CallEnd; busy: CallEnd };

export type RoutePreferences = Pick<
  Preferences,
  'doNotDisturb' | 'forwardAlways' | 'forwardBusy' | 'forwardNoAnswer' | 'ringTimeoutSeconds'
>;

export interface RouteContext {
  /** The person's own extension: a rule that forwards to it does nothing (the office skips it). */
  extension: string | null;
  /** Whether the box takes messages; without it an unanswered call is simply missed. */
  voicemail: boolean;
}

export function callRoute(preferences: RoutePreferences, context: RouteContext): CallRoute {
  const target = (rule: Preferences['forwardAlways']): string | null =>
    rule.enabled && rule.target && rule.target !== context.extension ? rule.target : null;
  const fallback: CallEnd = context.voicemail ? { kind: 'voicemail' } : { kind: 'missed' };
  const endOf = (rule: Preferences['forwardAlways']): CallEnd => {
    const next = target(rule);
    return next ? { kind: 'forward', target: next } : fallback;
  };

  if (preferences.doNotDisturb) return { kind: 'do-not-disturb', then: fallback };
  const always = target(preferences.forwardAlways);
  if (always) return { kind: 'forward-always', target: always };
  return {
    kind: 'ring',
    seconds: preferences.ringTimeoutSeconds,
    noAnswer: endOf(preferences.forwardNoAnswer),
    busy: endOf(preferences.forwardBusy),
  };
}
