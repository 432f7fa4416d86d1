import type { CallFault } from '../../../../common/api/call-log';

const KEYS: Record<CallFault, string> = {
  'media-not-acceptable': 'callLog.faults.notAcceptable',
  unavailable: 'callLog.faults.unavailable',
  'bridge-full': 'callLog.faults.bridgeFull',
};

/** The i18n key of what went wrong in a call (a phone's 488 or 503, no room to bridge). */
export const callFaultKey = (fault: CallFault) => KEYS[fault];

export const CALL_FAULTS = Object.keys(KEYS) as CallFault[];
