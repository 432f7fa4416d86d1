// Why a call or a transfer did not go through, from the SIP answer that said so: the cause of its
// Reason header (RFC 3326) when the office gave one, else its status code.
import type { CallFailure } from '../../common/ipc/domains/calls';

const BY_STATUS: [readonly number[], CallFailure][] = [
  [[404, 484, 604], 'not-found'],
  [[486, 600], 'busy'],
  [[603], 'declined'],
  [[480], 'unavailable'],
  [[408], 'no-answer'],
  [[401, 403, 407], 'forbidden'],
  [[488, 606], 'media'],
];

const REASON_CAUSE = /^\s*SIP\s*;(?:.*;)?\s*cause\s*=\s*(\d{3})\b/i;

/** `status` 0 means no answer came at all: the request never reached the office. */
export function callFailure(status: number, reason?: string): CallFailure {
  const cause = reason ? Number(REASON_CAUSE.exec(reason)?.[1] ?? 0) : 0;
  const code = cause >= 300 ? cause : status;
  if (code === 0) return 'network';
  const known = BY_STATUS.find(([codes]) => codes.includes(code));
  if (known) return known[1];
  return code >= 500 && code < 600 ? 'office' : 'refused';
}
