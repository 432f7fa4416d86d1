// Ring groups: an extension that rings several colleagues' extensions, and what happens when
// none of them answers.
import { Type, type Static } from 'typebox';
import { RouteType } from './directory';
import { ExtensionNumber, Id, Nullable, PATCH_OPTIONS, StrictObject, Timestamp } from './primitives';
import { CallerHears } from './music';

/** As long as a user group's name: the console's name field serves both. */
const GroupName = Type.String({ minLength: 1, maxLength: 80, pattern: '\\S' });

export const RingStrategy = Type.Union([
  /** Every member's phones at once. */
  Type.Literal('all'),
  /** One member after the other, in the group's order. */
  Type.Literal('hunt'),
  /** One after the other, starting after the member who answered the last call. */
  Type.Literal('round-robin'),
]);
export type RingStrategy = Static<typeof RingStrategy>;

export const OverflowType = Type.Union([
  /** The group's own voicemail box. */
  Type.Literal('voicemail'),
  /** Or any route target (directory.ts): a colleague's extension, another group, a receptionist… */
  ...RouteType.anyOf,
]);
export type OverflowType = Static<typeof OverflowType>;

export const MemberRingSeconds = Type.Integer({ minimum: 5, maximum: 120 });
export const GroupRingSeconds = Type.Integer({ minimum: 5, maximum: 600 });
/** More members than any office's group rings usefully; also bounds the INVITEs one call sends. */
export const MAX_RING_GROUP_MEMBERS = 50;

export const RingGroupMember = StrictObject({
  extension: ExtensionNumber,
  /** The name the member's calls show. */
  name: Type.String({ maxLength: 200 }),
  /** A member logged out of the group is not rung. */
  loggedIn: Type.Boolean(),
});
export type RingGroupMember = Static<typeof RingGroupMember>;

export const RingGroup = StrictObject({
  id: Id,
  name: GroupName,
  extension: ExtensionNumber,
  strategy: RingStrategy,
  memberRingSeconds: MemberRingSeconds,
  groupRingSeconds: GroupRingSeconds,
  /** Members on a call or in do-not-disturb are not rung. */
  skipBusy: Type.Boolean(),
  overflowType: OverflowType,
  /** The extension (a user's, another group's, a receptionist's) for those overflow types; null for voicemail. */
  overflowTarget: Nullable(ExtensionNumber),
  /** What callers hear while the members ring (music: the group's own, else the company's default). */
  callerHears: CallerHears,
  /** The group's own music on hold; null for the company's default. */
  musicId: Nullable(Id),
  /** In ringing order. */
  members: Type.Array(RingGroupMember, { maxItems: MAX_RING_GROUP_MEMBERS }),
  createdAt: Timestamp,
});
export type RingGroup = Static<typeof RingGroup>;

const memberExtensions = Type.Array(ExtensionNumber, { maxItems: MAX_RING_GROUP_MEMBERS, uniqueItems: true });

export const CreateRingGroup = StrictObject({
  name: GroupName,
  /** Taken from the numbering plan when left out. */
  extension: Type.Optional(ExtensionNumber),
  strategy: RingStrategy,
  memberRingSeconds: Type.Optional(MemberRingSeconds),
  groupRingSeconds: Type.Optional(GroupRingSeconds),
  skipBusy: Type.Optional(Type.Boolean()),
  overflowType: Type.Optional(OverflowType),
  overflowTarget: Type.Optional(Nullable(ExtensionNumber)),
  callerHears: Type.Optional(CallerHears),
  musicId: Type.Optional(Nullable(Id)),
  /** Members' extensions in ringing order; new members start logged in. */
  members: memberExtensions,
});
export type CreateRingGroup = Static<typeof CreateRingGroup>;

export const UpdateRingGroup = Type.Partial(CreateRingGroup, PATCH_OPTIONS);
export type UpdateRingGroup = Static<typeof UpdateRingGroup>;

/** A group the signed-in user belongs to, and whether they take its calls now. */
export const MyRingGroup = StrictObject({
  id: Id,
  name: GroupName,
  extension: ExtensionNumber,
  loggedIn: Type.Boolean(),
});
export type MyRingGroup = Static<typeof MyRingGroup>;

export const MyRingGroupMembership = StrictObject({ loggedIn: Type.Boolean() });
export type MyRingGroupMembership = Static<typeof MyRingGroupMembership>;

/** The group's shared voicemail box as its admin sees it (the PIN itself is never readable). */
export const RingGroupVoicemail = StrictObject({
  /** Whether a PIN is set: only then does *98 open the box from a phone. */
  hasPin: Type.Boolean(),
  /** Whether callers hear an uploaded greeting rather than the default spoken one. */
  ownGreeting: Type.Boolean(),
});
export type RingGroupVoicemail = Static<typeof RingGroupVoicemail>;
