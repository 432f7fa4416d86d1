// The smaller admin resources: user groups, settings templates, email templates, phone numbers.
import { Type, type Static } from 'typebox';
import {
  E164,
  Id,
  LongText,
  Nullable,
  PATCH_OPTIONS,
  ShortText,
  StrictObject,
  Timestamp,
} from './primitives';
import { TemplatePreferences } from './preferences';

const Name = Type.String({ minLength: 1, maxLength: 80, pattern: '\\S' });
const Description = Type.String({ maxLength: 500 });

export const UserGroup = StrictObject({
  id: Id,
  name: Name,
  description: Description,
  settingsTemplateId: Nullable(Id),
  createdAt: Timestamp,
});
export type UserGroup = Static<typeof UserGroup>;
export const CreateUserGroup = StrictObject({
  name: Name,
  description: Type.Optional(Description),
  settingsTemplateId: Type.Optional(Nullable(Id)),
});
export type CreateUserGroup = Static<typeof CreateUserGroup>;
export const UpdateUserGroup = Type.Partial(CreateUserGroup, PATCH_OPTIONS);
export type UpdateUserGroup = Static<typeof UpdateUserGroup>;

export const SettingsTemplate = StrictObject({
  id: Id,
  name: Name,
  description: Description,
  preferences: TemplatePreferences,
  createdAt: Timestamp,
});
export type SettingsTemplate = Static<typeof SettingsTemplate>;
export const CreateSettingsTemplate = StrictObject({
  name: Name,
  description: Type.Optional(Description),
  preferences: TemplatePreferences,
});
export type CreateSettingsTemplate = Static<typeof CreateSettingsTemplate>;
export const UpdateSettingsTemplate = Type.Partial(CreateSettingsTemplate, PATCH_OPTIONS);
export type UpdateSettingsTemplate = Static<typeof UpdateSettingsTemplate>;

export const EmailTemplateKind = Type.Union([
  Type.Literal('welcome'),
  Type.Literal('password-reset'),
  Type.Literal('password-recovery'),
]);
export type EmailTemplateKind = Static<typeof EmailTemplateKind>;

/**
 * What a mail in the outbox is: one of the templates super admins edit, or a built-in notice (a new
 * voicemail, an account locked by wrong passwords, a changed email template).
 */
export const MailKind = Type.Union([
  ...EmailTemplateKind.anyOf,
  Type.Literal('voicemail-notice'),
  Type.Literal('lockout-notice'),
  Type.Literal('template-changed'),
  Type.Literal('toll-alert'),
]);
export type MailKind = Static<typeof MailKind>;

export const EmailTemplate = StrictObject({
  id: Id,
  kind: EmailTemplateKind,
  name: Name,
  subject: Type.String({ minLength: 1, maxLength: 200 }),
  body: LongText,
  /** The template used for its kind when none is chosen. */
  isDefault: Type.Boolean(),
  createdAt: Timestamp,
});
export type EmailTemplate = Static<typeof EmailTemplate>;
export const CreateEmailTemplate = StrictObject({
  kind: EmailTemplateKind,
  name: Name,
  subject: Type.String({ minLength: 1, maxLength: 200 }),
  body: Type.String({ minLength: 1, maxLength: 20_000 }),
  isDefault: Type.Optional(Type.Boolean()),
});
export type CreateEmailTemplate = Static<typeof CreateEmailTemplate>;
export const UpdateEmailTemplate = Type.Partial(Type.Omit(CreateEmailTemplate, ['kind']), PATCH_OPTIONS);
export type UpdateEmailTemplate = Static<typeof UpdateEmailTemplate>;

export const RouteType = Type.Union([
  Type.Literal('extension'),
  Type.Literal('ring-group'),
  Type.Literal('receptionist'),
  Type.Literal('conference'),
]);
export type RouteType = Static<typeof RouteType>;

/**
 * Where a phone number can send its calls: any kind of extension, or straight to a voicemail box
 * (a person's, or a ring group's shared one, by its extension's number): the caller hears the
 * box's greeting and leaves a message, and nothing rings.
 */
export const NumberRouteType = Type.Union([...RouteType.anyOf, Type.Literal('voicemail')]);
export type NumberRouteType = Static<typeof NumberRouteType>;

/** Where a number rings, by the target's number: an extension's, or a service's (a ring group's…). */
export const RouteNumber = Type.String({ pattern: '^[0-9]{2,8}$', maxLength: 8 });

/**
 * Something a phone number can ring, as the office lists them for a picker: its kind, its number
 * and what it is called (an extension by its owner's name).
 */
export const RouteTarget = StrictObject({ kind: NumberRouteType, number: RouteNumber, name: ShortText });
export type RouteTarget = Static<typeof RouteTarget>;

export const PhoneNumber = StrictObject({
  id: Id,
  number: E164,
  label: ShortText,
  routeType: NumberRouteType,
  /** For `extension`, the extension number; for `voicemail`, the box's extension; for the others, the number of that service. */
  routeTarget: RouteNumber,
  /** The company's main number (chosen in the company settings): it signs in the super admin. */
  isMain: Type.Boolean(),
  createdAt: Timestamp,
});
export type PhoneNumber = Static<typeof PhoneNumber>;
export const CreatePhoneNumber = StrictObject({
  number: E164,
  label: Type.Optional(ShortText),
  routeType: NumberRouteType,
  /** Must be a target the office has (GET /admin/route-targets). */
  routeTarget: RouteNumber,
});
export type CreatePhoneNumber = Static<typeof CreatePhoneNumber>;
export const UpdatePhoneNumber = Type.Partial(CreatePhoneNumber, PATCH_OPTIONS);
export type UpdatePhoneNumber = Static<typeof UpdatePhoneNumber>;

export const ListOf = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  StrictObject({ items: Type.Array(item) });
