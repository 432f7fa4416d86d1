// The feature codes a phone dials to reach the office itself rather than a person, in one place:
// the SIP side recognises them from this list, the console's numbering plan and the user's app
// show it. Codes start with `*`, extensions are digits only, so the two never collide; codes
// that take an extension after them (`*45` + a group's number) must not be the start of another
// code, or the office could not tell which was meant.
import { Type, type Static } from 'typebox';
import { StrictObject } from './primitives';

export const FeatureAction = Type.Union([
  /** One's own voicemail box, from one's own phone, without a PIN. */
  Type.Literal('own-voicemail'),
  /** Any voicemail box, by its number and PIN. */
  Type.Literal('any-voicemail'),
  /** Take the calls of a ring group one is a member of. */
  Type.Literal('group-log-in'),
  /** Stop taking the calls of a ring group one is a member of. */
  Type.Literal('group-log-out'),
]);
export type FeatureAction = Static<typeof FeatureAction>;

export const FeatureCode = StrictObject({
  code: Type.String({ pattern: '^\\*[0-9]{1,4}$', maxLength: 5 }),
  action: FeatureAction,
  /** Dialled with an extension after the code (`*45` + `600`). */
  takesExtension: Type.Boolean(),
});
export type FeatureCode = Static<typeof FeatureCode>;

export const FEATURE_CODES: readonly FeatureCode[] = [
  { code: '*97', action: 'own-voicemail', takesExtension: false },
  { code: '*98', action: 'any-voicemail', takesExtension: false },
  { code: '*45', action: 'group-log-in', takesExtension: true },
  { code: '*46', action: 'group-log-out', takesExtension: true },
];

export const featureCodeOf = (action: FeatureAction): string =>
  FEATURE_CODES.find((feature) => feature.action === action)!.code;

/** A dialled feature code: its action and, for a code that takes one, the extension after it. */
export interface DialledFeature {
  action: FeatureAction;
  extension: string | null;
}

/** What `dialled` asks of the office, or null when it is no feature code. */
export function parseFeatureCode(dialled: string): DialledFeature | null {
  for (const feature of FEATURE_CODES) {
    if (!dialled.startsWith(feature.code)) continue;
    const rest = dialled.slice(feature.code.length);
    if (!feature.takesExtension) return rest === '' ? { action: feature.action, extension: null } : null;
    return /^[0-9]{2,8}$/.test(rest) ? { action: feature.action, extension: rest } : null;
  }
  return null;
}
