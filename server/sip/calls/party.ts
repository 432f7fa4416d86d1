// Who a call reaches, as its log and its signalling name them; and how long a phone rings by default.
import type { CallParty } from '../../directory/call-log';
import type { ExtensionTarget } from '../../directory/sip-accounts';

export const DEFAULT_RING_SECONDS = 25;

export const partyOf = (target: ExtensionTarget): CallParty => ({
  number: target.extension,
  name: target.callerIdName,
  userId: target.userId,
});
