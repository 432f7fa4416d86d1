// The numbering plan: how many digits an extension has, and the range each kind of extension is
// taken from (users, ring groups, receptionists, conference bridges). The office keeps every
// extension inside its kind's range: a change that would leave one outside is refused with the
// list of those it would.
import { Type, type Static } from 'typebox';
import { RouteType } from './directory';
import { FeatureCode } from './feature-codes';
import { ExtensionNumber, ShortText, StrictObject, Timestamp } from './primitives';

export const MIN_EXTENSION_LENGTH = 2;
export const MAX_EXTENSION_LENGTH = 8;

/** Each kind of extension: a user's, or a service's (the kinds a phone number can ring). */
export const ExtensionKind = RouteType;
export type ExtensionKind = RouteType;
export const EXTENSION_KINDS: readonly ExtensionKind[] = [
  'extension',
  'ring-group',
  'receptionist',
  'conference',
];

export const ExtensionRange = StrictObject({
  /** The first number of the range, included. */
  first: ExtensionNumber,
  /** The last number of the range, included. */
  last: ExtensionNumber,
});
export type ExtensionRange = Static<typeof ExtensionRange>;

export const ExtensionRanges = StrictObject({
  /** Users' extensions. */
  extension: ExtensionRange,
  'ring-group': ExtensionRange,
  receptionist: ExtensionRange,
  conference: ExtensionRange,
});
export type ExtensionRanges = Static<typeof ExtensionRanges>;

export const NumberingPlanChange = StrictObject({
  extensionLength: Type.Integer({ minimum: MIN_EXTENSION_LENGTH, maximum: MAX_EXTENSION_LENGTH }),
  ranges: ExtensionRanges,
});
export type NumberingPlanChange = Static<typeof NumberingPlanChange>;

/** An extension the plan does not hold: its number, its kind and who or what owns it. */
export const NumberingConflict = StrictObject({
  number: ExtensionNumber,
  kind: ExtensionKind,
  name: ShortText,
  /** `length`: it has another number of digits; `range`: it is outside its kind's range. */
  reason: Type.Union([Type.Literal('length'), Type.Literal('range')]),
});
export type NumberingConflict = Static<typeof NumberingConflict>;

export const NumberingPlan = StrictObject({
  extensionLength: NumberingPlanChange.properties.extensionLength,
  ranges: ExtensionRanges,
  /** The codes phones dial to reach the office itself (read only). */
  featureCodes: Type.Array(FeatureCode),
  /**
   * Extensions outside the plan now (kept from before the plan had ranges): each is to be
   * renumbered before the plan can change.
   */
  conflicts: Type.Array(NumberingConflict),
  updatedAt: Timestamp,
});
export type NumberingPlan = Static<typeof NumberingPlan>;
