// People and preferences the screens' tests share.
import type { CallLogEntry } from '../../../common/api/call-log';
import type { Preferences } from '../../../common/api/preferences';

export const USER_SESSION = {
  user: { id: 'u1', name: 'Ada Lovelace', email: 'ada@example.com', role: 'user' as const, extension: '101' },
  scope: 'user' as const,
  mustChangePassword: false,
};

/** What a new extension starts with: nothing forwarded, 20 s of ringing. */
export const PLAIN_PREFERENCES: Preferences = {
  doNotDisturb: false,
  forwardAlways: { enabled: false, target: null },
  forwardBusy: { enabled: false, target: null },
  forwardNoAnswer: { enabled: false, target: null },
  ringTimeoutSeconds: 20,
  callerIdName: 'Ada',
  language: null,
  mailLanguage: 'en',
  outboundCalls: 'national',
  hideCallerId: false,
};

/** A call from Grace Hopper (205) that just ended, answered; each test changes what it is about. */
export const callLogEntry = (overrides: Partial<CallLogEntry> = {}): CallLogEntry => ({
  id: 'c1',
  callId: 'call1',
  direction: 'incoming',
  otherNumber: '205',
  otherName: 'Grace Hopper',
  startedAt: new Date().toISOString(),
  answeredAt: null,
  endedAt: null,
  durationSeconds: 65,
  result: 'answered',
  transferredBy: null,
  fault: null,
  ...overrides,
});
