import type { CallFailure } from '../../../../common/ipc/domains/calls';

const KEYS: Record<CallFailure, string> = {
  'not-found': 'softphone.failure.reasons.not-found',
  busy: 'softphone.failure.reasons.busy',
  declined: 'softphone.failure.reasons.declined',
  unavailable: 'softphone.failure.reasons.unavailable',
  'no-answer': 'softphone.failure.reasons.no-answer',
  forbidden: 'softphone.failure.reasons.forbidden',
  media: 'softphone.failure.reasons.media',
  office: 'softphone.failure.reasons.office',
  network: 'softphone.failure.reasons.network',
  refused: 'softphone.failure.reasons.refused',
};

/** The i18n key of why a call or a transfer did not go through. */
export const failureKey = (failure: CallFailure) => KEYS[failure];
