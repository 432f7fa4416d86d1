import type { SessionEndReason } from '../../common/api/auth';
import type { Conflict } from '../../common/api/errors';
import type { IpcError, IpcErrorCode } from '../../common/ipc/result';

/** A refusal a handler raises on purpose: it crosses to the renderer as `{ ok: false, error }`. */
export class IpcFailure extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
    readonly field?: string,
    /** With `session_expired`: why the office ended the session (main tells the window in an event). */
    readonly reason?: SessionEndReason,
    /** What stands in the way, as the office listed it. */
    readonly conflicts?: Conflict[],
  ) {
    super(message);
    this.name = 'IpcFailure';
  }

  toError(): IpcError {
    return {
      code: this.code,
      message: this.message,
      ...(this.field !== undefined && { field: this.field }),
      ...(this.conflicts !== undefined && { conflicts: this.conflicts }),
    };
  }
}
