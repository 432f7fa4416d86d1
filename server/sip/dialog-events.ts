// Busy lamp fields (RFC 4235, the `dialog` event package): a desk phone watches the colleagues
// the admin put on its BLF keys and is told, at once and whenever it changes, whether each one's
// line is idle, ringing (early) or in a call (confirmed). The state is the office's own call
// state: every call between extensions goes through it. Only a colleague on one of the phone's
// own BLF keys may be watched.
import type { Logger } from '../logger';
import type { Clock } from '../time';
import type { OfficeDb } from '../db/database';
import type { DirectoryEvents } from '../directory/events';
import { hasBlfKeyFor } from '../directory/desk-phones';
import { MAX_BLF_KEYS } from '../../common/api/desk-phone-models';
import { buildResponse } from './fields';
import type { DeviceAuthenticator } from './device-auth';
import type { SipStack } from './stack';
import type { WatchedDialog } from './calls/call-control';
import {
  Subscriptions,
  type Subscription,
  type SubscriptionLimits,
  type SubscriptionStore,
} from './subscriptions';

export const DIALOG_EVENT = 'dialog';
export const DIALOG_INFO_TYPE = 'application/dialog-info+xml';

export const DIALOG_LIMITS: SubscriptionLimits = {
  minExpires: 60,
  maxExpires: 3600,
  // A phone watches one line per key; after a reboot its new subscriptions push out the old.
  perDevice: MAX_BLF_KEYS,
  total: 20_000,
};

export interface WatchedCalls {
  dialogsOf(extension: string): WatchedDialog[];
  watch(listener: (extensions: string[]) => void): () => void;
}

/** The dialog-info document (RFC 4235 §4) of a watched extension: always a full state. */
export function dialogInfo(entity: string, version: number, dialogs: WatchedDialog[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<dialog-info xmlns="urn:ietf:params:xml:ns:dialog-info" version="${version}" state="full" entity="${entity}">`,
    ...dialogs.map(
      (dialog) =>
        `  <dialog id="${dialog.id}" direction="${dialog.direction}"><state>${dialog.state}</state></dialog>`,
    ),
    '</dialog-info>',
    '',
  ].join('\n');
}

export class DialogEvents extends Subscriptions<null> {
  /** Extensions whose calls changed since the last round of NOTIFYs. */
  private readonly changed = new Set<string>();
  private readonly stopWatching: () => void;

  constructor(
    stack: SipStack,
    db: OfficeDb,
    auth: DeviceAuthenticator,
    calls: WatchedCalls,
    clock: Clock,
    logger: Logger,
    events: DirectoryEvents,
    limits = DIALOG_LIMITS,
    storage?: SubscriptionStore,
  ) {
    super(
      stack,
      auth,
      clock,
      logger,
      events,
      limits,
      {
        event: DIALOG_EVENT,
        contentType: DIALOG_INFO_TYPE,
        admit: async (device, extension, request) =>
          device.kind === 'desk-phone' && (await hasBlfKeyFor(db, device.deviceId, extension))
            ? null
            : buildResponse(request, 403, "Forbidden (not on one of this phone's BLF keys)"),
        body: async (subscription: Subscription<null>) =>
          Buffer.from(
            dialogInfo(
              `sip:${subscription.resource}@${auth.realm}`,
              subscription.notified,
              calls.dialogsOf(subscription.resource),
            ),
          ),
        // A BLF subscription keeps nothing but its resource.
        readWatch: (saved) => (saved === null ? null : undefined),
      },
      storage,
    );
    // A call's changes come in bursts (its two parties, its legs bound and unbound one by one):
    // the watchers hear the state once it has settled, at the next turn of the event loop.
    this.stopWatching = calls.watch((extensions) => {
      const first = this.changed.size === 0;
      for (const extension of extensions) this.changed.add(extension);
      if (first) setImmediate(() => this.flush());
    });
  }

  close(): void {
    this.stopWatching();
  }

  private flush(): void {
    const extensions = new Set(this.changed);
    this.changed.clear();
    void this.notifyWhere((s) => extensions.has(s.resource));
  }
}
