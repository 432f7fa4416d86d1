import type { SessionEndReason } from '../common/api/auth';
import type { Conflict, ErrorCode } from '../common/api/errors';

/** A refusal the client should see as-is: HTTP status, stable code, readable message. */
export class OfficeError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    /** With `session_expired`: why the session ended. */
    readonly reason?: SessionEndReason,
  ) {
    super(message);
    this.name = 'OfficeError';
  }
}

export const notFound = (what: string) => new OfficeError(404, 'not_found', `${what} not found`);
export const forbidden = (message: string) => new OfficeError(403, 'forbidden', message);

/** A 409 that lists what stands in the way, so the admin can clear it (errors.ts's Conflict). */
export class ConflictListError extends OfficeError {
  constructor(
    code: ErrorCode,
    message: string,
    readonly conflicts: Conflict[],
  ) {
    super(409, code, message);
  }
}
