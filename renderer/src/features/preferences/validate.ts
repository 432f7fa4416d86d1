import type { Preferences, PreferencesPatch } from '../../../../common/api/preferences';

export type RuleName = 'forwardAlways' | 'forwardBusy' | 'forwardNoAnswer';
export const RULES: readonly RuleName[] = ['forwardAlways', 'forwardBusy', 'forwardNoAnswer'];

/** A field of the form and the message key of what is wrong with it. */
export type FormErrors = Partial<Record<RuleName | 'ringTimeoutSeconds' | 'callerIdName', string>>;

/** What the person typed, before it is checked: numbers as text, as the inputs give them. */
export interface PreferencesDraft extends Omit<Preferences, 'ringTimeoutSeconds'> {
  ringTimeoutSeconds: string;
}

export const draftOf = (preferences: Preferences): PreferencesDraft => ({
  ...preferences,
  ringTimeoutSeconds: String(preferences.ringTimeoutSeconds),
});

/** An extension number as a forwarding rule takes it (the office's ForwardTarget). */
export const EXTENSION = /^[0-9]{2,8}$/;
/** An outside number as a forwarding rule takes it: longer than an extension, or with `+`. */
const OUTSIDE_NUMBER = /^\+?[0-9]{2,20}$/;

/**
 * The same rules as the office's, said in the person's language before anything is sent. `owners`
 * says whose each extension is, as far as the directory has answered (null: nobody's).
 */
export function validate(
  draft: PreferencesDraft,
  ownExtension: string | null,
  owners: ReadonlyMap<string, string | null> = new Map(),
): FormErrors {
  const errors: FormErrors = {};
  for (const rule of RULES) {
    const { enabled, target } = draft[rule];
    // An outside number only for someone who may call outside; the office checks the rest.
    const outside = draft.outboundCalls !== 'internal' && OUTSIDE_NUMBER.test(target ?? '');
    if (target && !EXTENSION.test(target) && !outside) errors[rule] = 'preferences.errors.target';
    else if (enabled && !target) errors[rule] = 'preferences.errors.targetRequired';
    else if (enabled && target === ownExtension) errors[rule] = 'preferences.errors.targetSelf';
    else if (enabled && target && owners.get(target) === null)
      errors[rule] = 'preferences.errors.targetUnknown';
  }
  const seconds = Number(draft.ringTimeoutSeconds);
  if (!/^[0-9]+$/.test(draft.ringTimeoutSeconds) || seconds < 5 || seconds > 120)
    errors.ringTimeoutSeconds = 'preferences.errors.ringTime';
  const name = draft.callerIdName.trim();
  if (name.length < 1 || name.length > 40) errors.callerIdName = 'preferences.errors.callerIdName';
  return errors;
}

/** The fields that differ from what the office has: a PATCH carries only those. */
export function changes(saved: Preferences, draft: PreferencesDraft): PreferencesPatch {
  const patch: PreferencesPatch = {};
  if (draft.doNotDisturb !== saved.doNotDisturb) patch.doNotDisturb = draft.doNotDisturb;
  if (draft.hideCallerId !== saved.hideCallerId) patch.hideCallerId = draft.hideCallerId;
  for (const rule of RULES) {
    const next = { enabled: draft[rule].enabled, target: draft[rule].target || null };
    if (next.enabled !== saved[rule].enabled || next.target !== saved[rule].target) patch[rule] = next;
  }
  const seconds = Number(draft.ringTimeoutSeconds);
  if (seconds !== saved.ringTimeoutSeconds) patch.ringTimeoutSeconds = seconds;
  const name = draft.callerIdName.trim();
  if (name !== saved.callerIdName) patch.callerIdName = name;
  return patch;
}
