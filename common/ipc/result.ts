import type { Conflict, ErrorCode } from '../api/errors';

/**
 * Codes only the app itself raises, next to the office API's codes (which pass through
 * unchanged). Stable: the UI translates them.
 */
export const APP_ERROR_CODES = [
  /** The channel is not part of the contract. */
  'unknown_channel',
  /** The channel is in the contract but nothing serves it in this build yet. */
  'unavailable',
  /** The payload does not match the channel's schema. */
  'invalid_request',
  /** The request came from a frame or origin that is not the app's own top-level page. */
  'forbidden_sender',
  /** The office server cannot be reached; the app keeps working offline where it can. */
  'offline',
  /** The action needs a signed-in session and there is none. */
  'not_signed_in',
  /** No usable OS keyring: secrets cannot be kept safely on this machine. */
  'keyring_unavailable',
  /** Too many requests in flight from one page. */
  'busy',
  /** The address answers, but not as a Switchboard office server. */
  'not_an_office',
  /** No page of the app does the calls' audio (none announced itself, or it went away). */
  'no_media',
  /** The softphone is not registered, so it cannot call. */
  'not_registered',
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];
export type IpcErrorCode = ErrorCode | AppErrorCode;

export interface IpcError {
  code: IpcErrorCode;
  message: string;
  /** Where the request was wrong, e.g. `body.email`, when the code is about a field. */
  field?: string;
  /** What stands in the way, when the office listed it (a 409's `conflicts`). */
  conflicts?: Conflict[];
}

/** What every channel answers: errors cross as data, never as exceptions. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };
