import { Type, type Static } from 'typebox';
import {
  Email,
  ExtensionNumber,
  Id,
  Login,
  Nullable,
  Password,
  PersonName,
  Role,
  StrictObject,
} from './primitives';

export const Scope = Type.Union([Type.Literal('user'), Type.Literal('admin')]);
export type Scope = Static<typeof Scope>;

/** 256 random bits, base64url: what makes this device one the account signed in from before. */
export const DeviceToken = Type.String({ minLength: 20, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' });

export const LoginRequest = StrictObject({
  /** An extension, an email, or a phone number: E.164 (`+34912345678`), or national with `country`. */
  login: Login,
  /** The country a national phone number is dialled in (ISO 3166-1 alpha-2); the sign-in screen's picker. */
  country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$', maxLength: 2 })),
  password: Password,
  scope: Scope,
  /** Keep me signed in on this device: the session has no idle limit, only the company's absolute one. */
  remember: Type.Optional(Type.Boolean()),
  /**
   * The token the office gave this device at an earlier sign-in to the same account: a device it
   * knows is not held by a lockout that strangers' wrong passwords caused (its own count its own).
   */
  deviceToken: Type.Optional(DeviceToken),
});
export type LoginRequest = Static<typeof LoginRequest>;

/**
 * Why the office ended a session, told with its `session_expired` refusal so the app can say the
 * real reason (not "idle" when an administrator turned sign-in off).
 */
export const SessionEndReason = Type.Union([
  /** No request for longer than the company's idle limit. */
  Type.Literal('idle'),
  /** Past the absolute limit (a remembered session's days). */
  Type.Literal('expired'),
  /** Signed out with this session's tokens. */
  Type.Literal('signed-out'),
  /** An administrator turned "Sign-in to the app" off for the account. */
  Type.Literal('sign-in-turned-off'),
  /** An administrator suspended the account. */
  Type.Literal('suspended'),
  /** An administrator reset the password. */
  Type.Literal('password-reset'),
  /** The person changed their password elsewhere, or recovered it. */
  Type.Literal('password-changed'),
  /** A refresh token already replaced was presented again: a copy, so the session ended. */
  Type.Literal('token-reused'),
]);
export type SessionEndReason = Static<typeof SessionEndReason>;

export const RefreshToken = Type.String({ minLength: 10, maxLength: 200, pattern: '^[A-Za-z0-9_.-]+$' });

export const SignedInUser = StrictObject({
  id: Id,
  name: PersonName,
  email: Email,
  role: Role,
  extension: Nullable(ExtensionNumber),
});
export type SignedInUser = Static<typeof SignedInUser>;

export const LoginResponse = StrictObject({
  accessToken: Type.String(),
  refreshToken: Type.String(),
  /** Seconds until the access token expires. */
  expiresIn: Type.Integer(),
  /** Minutes without a request after which the office ends the session; null: no idle limit. */
  idleMinutes: Nullable(Type.Integer({ minimum: 1 })),
  mustChangePassword: Type.Boolean(),
  user: SignedInUser,
  /** This device's token for the account: kept by the app, sent with its next sign-ins to it. */
  deviceToken: DeviceToken,
});
export type LoginResponse = Static<typeof LoginResponse>;

export const RefreshRequest = StrictObject({ refreshToken: RefreshToken });
export type RefreshRequest = Static<typeof RefreshRequest>;

export const LogoutRequest = StrictObject({ refreshToken: Type.Optional(RefreshToken) });
export type LogoutRequest = Static<typeof LogoutRequest>;

export const PasswordRecoveryRequest = StrictObject({ login: Login });
export type PasswordRecoveryRequest = Static<typeof PasswordRecoveryRequest>;

export const RecoveryCode = Type.String({ minLength: 6, maxLength: 64, pattern: '^[A-Za-z0-9]+$' });

export const PasswordRecoveryConfirm = StrictObject({ code: RecoveryCode, newPassword: Password });
export type PasswordRecoveryConfirm = Static<typeof PasswordRecoveryConfirm>;

/** The one answer to every recovery request, whether or not the account exists. */
export const PasswordRecoveryAccepted = StrictObject({ message: Type.String() });

/** What the sign-in screen shows before anyone signs in: the company's country, for its phone picker. */
export const SignInOptions = StrictObject({
  /** ISO 3166-1 alpha-2; empty when the office was never told its country. */
  country: Type.Union([Type.String({ pattern: '^[A-Z]{2}$', maxLength: 2 }), Type.Literal('')]),
});
export type SignInOptions = Static<typeof SignInOptions>;

/** The rules a new password must meet that the app can check as the person types. */
export const PasswordPolicy = StrictObject({
  /** The company's minimum length (its security settings). */
  minLength: Type.Integer({ minimum: 8, maximum: 128 }),
});
export type PasswordPolicy = Static<typeof PasswordPolicy>;
