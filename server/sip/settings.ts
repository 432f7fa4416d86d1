// What the SIP service holds at most, and its timers: defaults for an office, small values in
// tests. Everything a stranger can make the service keep is capped here.
import { RFC3261_TIMERS, type TimerValues } from './timers';
import { DEFAULT_AUTH_GUARD_LIMITS, type AuthGuardLimits } from './auth-guard';
import { DEFAULT_TRANSACTION_LIMITS, type TransactionLimits } from './stack';
import { DEFAULT_MAX_CONTACTS_PER_DEVICE } from './registrar';
import { DEFAULT_MESSAGE_WAITING_LIMITS, type MessageWaitingLimits } from './message-waiting';
import { DIALOG_LIMITS } from './dialog-events';
import type { SubscriptionLimits } from './subscriptions';
import { DEFAULT_SESSION_EXPIRES_SECONDS } from './calls/session-timer';
import type { ConnectionLimits } from '../connection-guard';
import { DEFAULT_SIP_CONNECTION_LIMITS } from './transports/transport';
import { DEFAULT_MEDIA_SETTINGS, type MediaAgentSettings } from '../media/agent';
import { DEFAULT_MAILBOX_LIMITS, type MailboxLimits } from '../media/mailbox-session';
import { DEFAULT_RECEPTIONIST_LIMITS, type ReceptionistLimits } from '../media/receptionist-session';
import { DEFAULT_CONFERENCE_SETTINGS, type ConferenceSettings } from '../media/conference/settings';
import { DEFAULT_TRUNK_TIMINGS, type TrunkTimings } from './trunks/runner';

export interface SipServiceSettings {
  timers: TimerValues;
  authGuard: AuthGuardLimits;
  connections: ConnectionLimits;
  transactions: TransactionLimits;
  maxContactsPerDevice: number;
  /** Message-summary subscriptions: their Expires range and how many are kept. */
  messageWaiting: MessageWaitingLimits;
  /** Dialog (BLF) subscriptions: their Expires range and how many are kept. */
  dialogEvents: SubscriptionLimits;
  /** A call with no in-dialog traffic for this long is ended and logged (RFC 4028 may shorten it). */
  sessionExpiresSeconds: number;
  /**
   * The media agent that answers unanswered calls with voicemail and the voicemail menu; null
   * runs none (those calls are refused with the status that says why).
   */
  media: MediaAgentSettings | null;
  /** The voicemail menu by phone (with the media agent): how long it waits for a key, and for all. */
  mailbox: MailboxLimits;
  /** Receptionist calls (with the media agent): the pause that ends a typed extension, the call's length. */
  receptionist: ReceptionistLimits;
  /** Conference bridges (with the media agent): how many at once, callers in all, a caller's time. */
  conferences: ConferenceSettings;
  /** How often a phone behind NAT gets an OPTIONS keeping its mapping open (and showing it is there). */
  natKeepAliveMs: number;
  /** How long a changed registration or subscription may wait to be written with others. */
  stateWriteDelayMs: number;
  /** Trunks: keep-alive interval, waits between failed registrations, DNS refresh. */
  trunks: TrunkTimings;
}

export const DEFAULT_SIP_SETTINGS: SipServiceSettings = {
  timers: RFC3261_TIMERS,
  authGuard: DEFAULT_AUTH_GUARD_LIMITS,
  connections: DEFAULT_SIP_CONNECTION_LIMITS,
  transactions: DEFAULT_TRANSACTION_LIMITS,
  maxContactsPerDevice: DEFAULT_MAX_CONTACTS_PER_DEVICE,
  messageWaiting: DEFAULT_MESSAGE_WAITING_LIMITS,
  dialogEvents: DIALOG_LIMITS,
  sessionExpiresSeconds: DEFAULT_SESSION_EXPIRES_SECONDS,
  media: DEFAULT_MEDIA_SETTINGS,
  mailbox: DEFAULT_MAILBOX_LIMITS,
  receptionist: DEFAULT_RECEPTIONIST_LIMITS,
  conferences: DEFAULT_CONFERENCE_SETTINGS,
  // Home routers forget an idle UDP mapping after 30 s or more; this comes before.
  natKeepAliveMs: 25_000,
  stateWriteDelayMs: 500,
  trunks: DEFAULT_TRUNK_TIMINGS,
};
