import { Type, type Static } from 'typebox';
import { Nullable, StrictObject } from './primitives';

/**
 * Where a forwarded call goes: an extension of the office, or an outside number (national, or
 * international with `+` or `00`) where the person's outbound permission reaches it.
 */
export const ForwardTarget = Type.String({ pattern: '^\\+?[0-9]{2,20}$', maxLength: 21 });

/** Where a person may call outside the office: nowhere, their own country, or the world. */
export const OutboundCalls = Type.Union([
  Type.Literal('internal'),
  Type.Literal('national'),
  Type.Literal('international'),
]);
export type OutboundCalls = Static<typeof OutboundCalls>;

export const ForwardRule = StrictObject({ enabled: Type.Boolean(), target: Nullable(ForwardTarget) });
export type ForwardRule = Static<typeof ForwardRule>;

/** The longest a call may ring for a person before the office ends the ringing. */
export const MAX_RING_SECONDS = 120;
export const RingTimeout = Type.Integer({ minimum: 5, maximum: MAX_RING_SECONDS });
export const CallerIdName = Type.String({ minLength: 1, maxLength: 40 });

/** The languages the office writes mail in (the app's own are the same three). */
export const Language = Type.Union([Type.Literal('en'), Type.Literal('es'), Type.Literal('fr')]);
export type Language = Static<typeof Language>;

export const Preferences = StrictObject({
  doNotDisturb: Type.Boolean(),
  forwardAlways: ForwardRule,
  forwardBusy: ForwardRule,
  forwardNoAnswer: ForwardRule,
  ringTimeoutSeconds: RingTimeout,
  callerIdName: CallerIdName,
  /** The language of the user's mail; null follows the company's. */
  language: Nullable(Language),
  /** The language the office writes the user's mail in now: theirs, else the company's (read only). */
  mailLanguage: Language,
  /** Where they may call outside (read only: set by a settings template or an admin). */
  outboundCalls: OutboundCalls,
  /** Their number is withheld on calls out (`Privacy: id`) where the trunk allows it. */
  hideCallerId: Type.Boolean(),
});
export type Preferences = Static<typeof Preferences>;

/** What a template or a PATCH may set: any subset, caller-ID name excluded for templates. */
export const PreferencesPatch = StrictObject({
  doNotDisturb: Type.Optional(Type.Boolean()),
  forwardAlways: Type.Optional(ForwardRule),
  forwardBusy: Type.Optional(ForwardRule),
  forwardNoAnswer: Type.Optional(ForwardRule),
  ringTimeoutSeconds: Type.Optional(RingTimeout),
  callerIdName: Type.Optional(CallerIdName),
  language: Type.Optional(Nullable(Language)),
  hideCallerId: Type.Optional(Type.Boolean()),
});
export type PreferencesPatch = Static<typeof PreferencesPatch>;

export const TemplatePreferences = StrictObject({
  doNotDisturb: Type.Optional(Type.Boolean()),
  forwardAlways: Type.Optional(ForwardRule),
  forwardBusy: Type.Optional(ForwardRule),
  forwardNoAnswer: Type.Optional(ForwardRule),
  ringTimeoutSeconds: Type.Optional(RingTimeout),
  outboundCalls: Type.Optional(OutboundCalls),
  hideCallerId: Type.Optional(Type.Boolean()),
});
export type TemplatePreferences = Static<typeof TemplatePreferences>;
