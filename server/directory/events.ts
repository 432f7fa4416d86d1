import { EventEmitter } from 'node:events';

/**
 * What the directory tells the rest of the server when access changes, so a registration made
 * with old credentials stops working at once (the SIP registrar listens).
 */
export interface DirectoryEventMap {
  /** These SIP usernames may no longer register; drop their bindings. */
  'sip-credentials-revoked': [sipUsernames: string[]];
}

export class DirectoryEvents extends EventEmitter<DirectoryEventMap> {}
