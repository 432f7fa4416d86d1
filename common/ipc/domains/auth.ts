import { Type } from 'typebox';
import {
  LoginRequest,
  PasswordPolicy,
  PasswordRecoveryAccepted,
  PasswordRecoveryConfirm,
  PasswordRecoveryRequest,
  Scope,
  SessionEndReason,
  SignedInUser,
  SignInOptions,
} from '../../api/auth';
import { ChangePasswordRequest } from '../../api/me';
import { Nullable, StrictObject } from '../../api/primitives';
import { NoContent, NoRequest, channel, rest, type DomainSpec } from '../channel';

/** The signed-in session as the renderer sees it: never a token. */
export const Session = StrictObject({
  user: SignedInUser,
  scope: Scope,
  mustChangePassword: Type.Boolean(),
  /** The office ends the session after this many minutes without a request (shown for an elevated one). */
  idleMinutes: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
});

/**
 * Whether a sign-in stays signed in on this computer: `kept` (the refresh token is in the OS
 * keyring), `not-asked`, or `not-possible` (asked, but this computer has no usable keyring: the
 * person is signed in for as long as the app runs).
 */
export const StaySignedIn = Type.Union([
  Type.Literal('kept'),
  Type.Literal('not-asked'),
  Type.Literal('not-possible'),
]);

/** What signing in answers: the session, and what became of "Keep me signed in". */
export const SignInResult = StrictObject({ ...Session.properties, staySignedIn: StaySignedIn });

/**
 * The office's own sign-in request. `remember` keeps the refresh token in the OS keyring so the
 * next launch signs in by itself, and asks the office for a session with no idle limit.
 */
export const SignInRequest = LoginRequest;

export const auth = {
  requests: {
    signIn: channel(SignInRequest, SignInResult),
    /** Signs in again with the remembered refresh token of the last login, if any. */
    resume: channel(NoRequest, Nullable(Session)),
    session: channel(NoRequest, Nullable(Session)),
    signOut: channel(NoRequest, NoContent),
    changePassword: rest('POST', '/me/password', NoContent, { body: ChangePasswordRequest }),
    /** The minimum length, to show the policy while a new password is typed (no session needed). */
    passwordPolicy: rest('GET', '/auth/password-policy', PasswordPolicy),
    /** The company's country, preselected in the sign-in screen's phone country picker (no session needed). */
    signInOptions: rest('GET', '/auth/sign-in-options', SignInOptions),
    recoverPassword: rest('POST', '/auth/password-recovery', PasswordRecoveryAccepted, {
      body: PasswordRecoveryRequest,
    }),
    confirmRecovery: rest('POST', '/auth/password-recovery/confirm', NoContent, {
      body: PasswordRecoveryConfirm,
    }),
  },
  events: {
    /** null when the session ended: signed out here, or refused by the office (forced sign-out). */
    sessionChanged: Nullable(Session),
    /**
     * Follows a null `sessionChanged` when it was the office that ended the session, not sign-out,
     * with the reason the office gave (null when it gave none).
     */
    endedByOffice: StrictObject({ reason: Nullable(SessionEndReason) }),
  },
} satisfies DomainSpec;
