import { EventEmitter } from 'node:events';

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
  /** The media agent stored a new message in this user's voicemail box. */
  'voicemail-received': [message: { userId: string; messageId: string }];
  /** The user marked a message read or unread, or deleted one: the box's counts may differ. */
  'voicemail-changed': [userId: string];
}

export class DirectoryEvents extends EventEmitter<DirectoryEventMap> {}
