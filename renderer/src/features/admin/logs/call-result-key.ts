import type { CallResult } from '../../../../../common/api/call-log';

const KEYS: Record<CallResult, string> = {
  answered: 'admin.callLog.answered',
  missed: 'admin.callLog.missed',
  busy: 'admin.callLog.busy',
  failed: 'admin.callLog.failed',
  cancelled: 'admin.callLog.cancelled',
  voicemail: 'admin.callLog.voicemail',
};

export const CALL_RESULTS = Object.keys(KEYS) as CallResult[];

/** The i18n key of how a call ended. */
export const callResultKey = (result: CallResult) => KEYS[result];
