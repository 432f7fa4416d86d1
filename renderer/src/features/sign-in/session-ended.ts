import type { SessionEndReason } from '../../../../common/api/auth';

const KEYS: Record<SessionEndReason, string> = {
  idle: 'signIn.ended.idle',
  expired: 'signIn.ended.expired',
  'signed-out': 'signIn.ended.signedOut',
  'sign-in-turned-off': 'signIn.ended.signInTurnedOff',
  suspended: 'signIn.ended.suspended',
  'password-reset': 'signIn.ended.passwordReset',
  'password-changed': 'signIn.ended.passwordChanged',
  'token-reused': 'signIn.ended.tokenReused',
};

/** What sign-in says about a session the office ended, by the reason it gave (none: a general word). */
export const sessionEndedKey = (reason: SessionEndReason | null) =>
  reason === null ? 'signIn.sessionEnded' : KEYS[reason];
