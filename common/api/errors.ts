import { Type, type Static } from 'typebox';
import { SessionEndReason } from './auth';
import { StrictObject } from './primitives';

/** Stable error codes: the UI translates these, so they never change meaning. */
export const ERROR_CODES = [
  'invalid_json',
  'invalid_field',
  'unknown_field',
  'missing_field',
  'bad_request',
  'unsupported_media_type',
  'payload_too_large',
  'not_found',
  'method_not_allowed',
  'unauthenticated',
  'invalid_credentials',
  'account_locked',
  'account_suspended',
  'portal_access_disabled',
  'scope_not_allowed',
  'session_expired',
  'password_change_required',
  'password_policy',
  'password_common',
  'password_personal',
  'password_mismatch',
  'password_reused',
  'forbidden',
  'conflict',
  'email_taken',
  'extension_taken',
  'extension_invalid',
  /** A forwarding target that is no colleague's extension. */
  'unknown_extension',
  /** A forwarding target outside the office that the person may not call themselves. */
  'outbound_not_allowed',
  'mac_taken',
  'number_taken',
  'name_taken',
  'in_use',
  /** A numbering plan that would leave extensions outside it (the error lists them). */
  'numbering_conflict',
  'cannot_delete_self',
  'invalid_code',
  'too_many_requests',
  'internal_error',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * One thing that stands in the way of a change, listed with a 409: an extension the new
 * numbering plan would leave out (its kind, number and owner), or what still uses a number
 * about to be deleted (a phone number, a ring group, a user's forwarding).
 */
export const Conflict = StrictObject({
  kind: Type.String({ maxLength: 40 }),
  number: Type.String({ maxLength: 16 }),
  name: Type.String({ maxLength: 200 }),
  reason: Type.Optional(Type.String({ maxLength: 40 })),
});
export type Conflict = Static<typeof Conflict>;

export const ErrorBody = StrictObject({
  error: StrictObject({
    code: Type.String(),
    message: Type.String(),
    /** Where the request was wrong, e.g. `body.email`, for validation errors. */
    field: Type.Optional(Type.String()),
    /** With `session_expired`: why the office ended the session, when it knows. */
    reason: Type.Optional(SessionEndReason),
    /** With a 409 that can list them: what stands in the way. */
    conflicts: Type.Optional(Type.Array(Conflict)),
  }),
});
export type ErrorBody = Static<typeof ErrorBody>;
