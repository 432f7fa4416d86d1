import { Type, type Static } from 'typebox';
import {
  Email,
  ExtensionNumber,
  Id,
  Limit,
  Cursor,
  Nullable,
  Page,
  Password,
  PersonName,
  Role,
  StrictObject,
  Timestamp,
} from './primitives';
import { CallerIdName, Language, OutboundCalls } from './preferences';
import { NumberRouteType, RouteNumber } from './directory';

export const UserStatus = Type.Union([Type.Literal('active'), Type.Literal('suspended')]);
export type UserStatus = Static<typeof UserStatus>;

export const UserSummary = StrictObject({
  id: Id,
  name: PersonName,
  email: Email,
  role: Role,
  status: UserStatus,
  portalAccess: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  extension: Nullable(ExtensionNumber),
  userGroupId: Nullable(Id),
  /** Where they may call outside the office; null without an extension (they make no calls). */
  outboundCalls: Nullable(OutboundCalls),
  createdAt: Timestamp,
});
export type UserSummary = Static<typeof UserSummary>;

/**
 * A new user. Without a welcome mail nobody knows their password yet: `passwordHandover` then
 * says how the admin gives them one.
 */
export const CreatedUser = StrictObject({
  ...UserSummary.properties,
  passwordHandover: Type.Optional(Type.String()),
});
export type CreatedUser = Static<typeof CreatedUser>;

export const UserListQuery = StrictObject({
  limit: Type.Optional(Limit),
  before: Type.Optional(Cursor),
  search: Type.Optional(Type.String({ maxLength: 120 })),
  role: Type.Optional(Role),
  userGroupId: Type.Optional(Id),
});
export type UserListQuery = Static<typeof UserListQuery>;

export const UserPage = Page(UserSummary);
export type UserPage = Static<typeof UserPage>;

export const CreateUserRequest = StrictObject({
  name: PersonName,
  email: Email,
  role: Type.Optional(Role),
  /** A free extension to use; without it the next free one of the numbering plan. */
  extension: Type.Optional(ExtensionNumber),
  callerIdName: Type.Optional(CallerIdName),
  settingsTemplateId: Type.Optional(Id),
  userGroupId: Type.Optional(Id),
  welcomeEmailTemplateId: Type.Optional(Id),
  sendWelcomeEmail: Type.Optional(Type.Boolean()),
  /** The language of their mail (the welcome mail first); without it, the company's. */
  language: Type.Optional(Language),
});
export type CreateUserRequest = Static<typeof CreateUserRequest>;

export const UpdateUserRequest = StrictObject({
  name: Type.Optional(PersonName),
  email: Type.Optional(Email),
  role: Type.Optional(Role),
  status: Type.Optional(UserStatus),
  portalAccess: Type.Optional(Type.Boolean()),
  extension: Type.Optional(ExtensionNumber),
  callerIdName: Type.Optional(CallerIdName),
  userGroupId: Type.Optional(Nullable(Id)),
  /** Only a super admin may grant international calls; any admin may narrow them. */
  outboundCalls: Type.Optional(OutboundCalls),
});
export type UpdateUserRequest = Static<typeof UpdateUserRequest>;

/** `automatic` generates and mails a password; `manual` takes one typed twice (both required then). */
export const PasswordResetRequest = StrictObject({
  mode: Type.Union([Type.Literal('automatic'), Type.Literal('manual')]),
  password: Type.Optional(Password),
  confirmPassword: Type.Optional(Password),
});
export type PasswordResetRequest = Static<typeof PasswordResetRequest>;

/** A phone number that rang the deleted user's extension, and where it rings from now on. */
export const NumberReassignment = StrictObject({
  id: Id,
  routeType: NumberRouteType,
  routeTarget: RouteNumber,
});
export type NumberReassignment = Static<typeof NumberReassignment>;

/**
 * Deleting a user: each phone number ringing their extension must be given another target here,
 * in the same change, so no number is left ringing an extension that is gone.
 */
export const DeleteUserRequest = StrictObject({
  reassignNumbers: Type.Optional(Type.Array(NumberReassignment, { maxItems: 500 })),
});
export type DeleteUserRequest = Static<typeof DeleteUserRequest>;
