import { EventEmitter } from 'node:events';
import type { ResyncTarget } from './desk-phones';

/**
 * What the directory tells the rest of the server when access changes, so a registration made
 * with old credentials or for an old number stops working at once (the SIP registrar listens),
 * and when a voicemail box changes. Each is emitted after the change is committed.
 */
export interface DirectoryEventMap {
  /** These SIP usernames may no longer register; drop their bindings. */
  'sip-credentials-revoked': [sipUsernames: string[]];
  /**
   * These extension numbers no longer belong to whoever registered them (the owner was
   * renumbered): drop every binding under them, so a call to the old number cannot reach the
   * moved user's phones; those register again under the new number.
   */
  'extensions-vacated': [numbers: string[]];
  /**
   * An administrator ended this user's sessions (sign-in to the app turned off, suspended,
   * password reset): their apps' event streams end now, so the apps learn why at once.
   */
  'sessions-ended': [userId: string];
  /** The company's or a device's SIP digest choice changed, or a device came or went. */
  'sip-digest-changed': [];
  /** The media agent stored a new message in this user's voicemail box. */
  'voicemail-received': [message: { userId: string; messageId: string }];
  /** The user marked a message read or unread, or deleted one: the box's counts may differ. */
  'voicemail-changed': [userId: string];
  /**
   * The configuration these desk phones fetch has changed: each registered one is told to fetch
   * it again (SIP NOTIFY check-sync). Emitted before the same change revokes anything, so the
   * phones are still registered when it is heard.
   */
  'desk-phone-configs-changed': [phones: ResyncTarget[]];
  /** A trunk was added, changed or removed: the SIP service reloads them. */
  'trunks-changed': [];
}

export class DirectoryEvents extends EventEmitter<DirectoryEventMap> {}
