import { Type, type Static } from 'typebox';
import {
  E164,
  Email,
  ShortText,
  StrictObject,
  Timestamp,
  Nullable,
  Id,
  Page,
  PATCH_OPTIONS,
} from './primitives';
import { MailKind } from './directory';
import { CountryCode, TimeZone } from './locale';
import { Language } from './preferences';

/**
 * The digest challenges SIP devices get (RFC 8760): MD5, SHA-256, or both (the office then
 * accepts either). Old SIP stacks give up on a challenge they cannot answer.
 */
export const DigestAlgorithms = Type.Union([
  Type.Literal('md5'),
  Type.Literal('sha-256'),
  Type.Literal('both'),
]);
export type DigestAlgorithms = Static<typeof DigestAlgorithms>;

export const SecuritySettings = StrictObject({
  minPasswordLength: Type.Integer({ minimum: 8, maximum: 128 }),
  lockoutThreshold: Type.Integer({ minimum: 3, maximum: 100 }),
  lockoutMinutes: Type.Integer({ minimum: 1, maximum: 1440 }),
  /** Idle limit of a session not kept signed in. */
  idleSessionTimeoutMinutes: Type.Integer({ minimum: 5, maximum: 43_200 }),
  /** Idle limit of an elevated (administrator) session. */
  adminIdleTimeoutMinutes: Type.Integer({ minimum: 1, maximum: 1_440 }),
  /** How long "keep me signed in" lasts; such a session has no idle limit. */
  rememberedSessionDays: Type.Integer({ minimum: 1, maximum: 365 }),
  /** What SIP devices are challenged with, unless a device says otherwise. */
  sipDigestAlgorithms: DigestAlgorithms,
});
export type SecuritySettings = Static<typeof SecuritySettings>;

/** Toll-fraud caps on calls out through the trunks (emergency calls pass every one). */
export const OutsideCallLimits = StrictObject({
  /** Outside calls one person may have at once. */
  perUser: Type.Integer({ minimum: 0, maximum: 1_000 }),
  /** Outside calls the whole office may have at once. */
  total: Type.Integer({ minimum: 0, maximum: 100_000 }),
  /** International minutes a day; calls past them are refused until the next day (UTC). */
  internationalMinutesPerDay: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
  /** Premium-rate numbers may be called (else they are refused, whatever a person's permission). */
  premiumNumbersAllowed: Type.Boolean(),
});
export type OutsideCallLimits = Static<typeof OutsideCallLimits>;

export const AdminContact = StrictObject({
  name: Type.String({ maxLength: 120 }),
  email: Type.Union([Email, Type.Literal('')]),
  phone: Type.String({ maxLength: 40 }),
});

export const Company = StrictObject({
  name: Type.String({ minLength: 1, maxLength: 120 }),
  address: Type.String({ maxLength: 500 }),
  adminContact: AdminContact,
  security: SecuritySettings,
  /** The language of mail (and the default voicemail greeting) for users who chose none. */
  language: Language,
  country: CountryCode,
  /** The company's time zone: the office writes times in it (mail), and the clocks of the desk phones it provisions follow it. */
  timeZone: TimeZone,
  /**
   * The company's main number, one of its phone numbers: the number it is known by, and a login
   * of its super admin.
   */
  mainNumber: Nullable(E164),
  outsideCalls: OutsideCallLimits,
  updatedAt: Timestamp,
});
export type Company = Static<typeof Company>;

export const CompanyPatch = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    adminContact: Type.Optional(Type.Partial(AdminContact, PATCH_OPTIONS)),
    security: Type.Optional(Type.Partial(SecuritySettings, PATCH_OPTIONS)),
    language: Type.Optional(Language),
    country: Type.Optional(CountryCode),
    timeZone: Type.Optional(TimeZone),
    /** One of the office's numbers, or null for none. */
    mainNumber: Type.Optional(Nullable(E164)),
    /** Super admins only. */
    outsideCalls: Type.Optional(Type.Partial(OutsideCallLimits, PATCH_OPTIONS)),
  },
  PATCH_OPTIONS,
);

/** What the first-run screen asks of a new office: its name and where it is. */
export const FirstRunCompany = StrictObject({
  name: Company.properties.name,
  country: CountryCode,
  timeZone: TimeZone,
  language: Language,
});
export type FirstRunCompany = Static<typeof FirstRunCompany>;
export type CompanyPatch = Static<typeof CompanyPatch>;

export const AuditEntry = StrictObject({
  id: Id,
  at: Timestamp,
  actorId: Nullable(Id),
  actorName: ShortText,
  action: Type.String(),
  targetType: Type.String(),
  targetId: Nullable(Type.String()),
  /**
   * Who or what the target is, where the office can say: a user's name or a device's label as
   * they are now, else what the log last recorded for it (a deleted user's email, a deleted
   * device's label; a group's or template's name, a phone number, a desk phone's model).
   */
  targetName: Nullable(Type.String({ maxLength: 254 })),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type AuditEntry = Static<typeof AuditEntry>;
export const AuditPage = Page(AuditEntry);

/**
 * A mail as admins see it: secrets (temporary passwords, recovery codes) appear as `•••`. Without
 * SMTP, a queued welcome or reset mail of a user the admin may manage is shown whole.
 */
export const OutboxMail = StrictObject({
  id: Id,
  to: Type.String(),
  /** The recipient's account, when the mail is to a user. */
  recipientUserId: Nullable(Id),
  /** The template kind it was made from; null for mail written before kinds were kept. */
  kind: Nullable(MailKind),
  subject: Type.String(),
  body: Type.String(),
  status: Type.Union([Type.Literal('queued'), Type.Literal('sent'), Type.Literal('failed')]),
  error: Nullable(Type.String()),
  createdAt: Timestamp,
  sentAt: Nullable(Timestamp),
});
export type OutboxMail = Static<typeof OutboxMail>;
export const OutboxPage = Page(OutboxMail);
export type OutboxPage = Static<typeof OutboxPage>;
