// Message waiting (RFC 3842 over RFC 6665): a user's own devices subscribe to
// `message-summary` for their extension and are told, at once and on every change, how many
// new and old messages the voicemail box holds. Only a device of the extension may subscribe;
// subscriptions are capped per device (its oldest give way) and in total.
import type { Logger } from '../logger';
import type { Clock } from '../time';
import type { OfficeDb } from '../db/database';
import type { DirectoryEvents } from '../directory/events';
import { messageCounts } from '../directory/voicemail';
import { buildResponse } from './fields';
import type { DeviceAuthenticator } from './device-auth';
import type { SipStack } from './stack';
import { Subscriptions, type SubscriptionLimits, type SubscriptionStore } from './subscriptions';

export const EVENT_PACKAGE = 'message-summary';
export const SUMMARY_TYPE = 'application/simple-message-summary';

export type MessageWaitingLimits = SubscriptionLimits;

export const DEFAULT_MESSAGE_WAITING_LIMITS: MessageWaitingLimits = {
  minExpires: 60,
  maxExpires: 3600,
  perDevice: 4,
  total: 10_000,
};

export class MessageWaiting extends Subscriptions<{ userId: string }> {
  constructor(
    stack: SipStack,
    db: OfficeDb,
    auth: DeviceAuthenticator,
    clock: Clock,
    logger: Logger,
    events: DirectoryEvents,
    limits = DEFAULT_MESSAGE_WAITING_LIMITS,
    storage?: SubscriptionStore,
  ) {
    // Each subscription keeps whose voicemail box it watches.
    super(
      stack,
      auth,
      clock,
      logger,
      events,
      limits,
      {
        event: EVENT_PACKAGE,
        contentType: SUMMARY_TYPE,
        admit: async (device, extension, request) =>
          device.extension === extension && device.userId
            ? { userId: device.userId }
            : buildResponse(request, 403, 'Forbidden (not a device of this voicemail box)'),
        body: async (subscription) => {
          const counts = await messageCounts(db, subscription.watch.userId);
          const body = [
            `Messages-Waiting: ${counts.unread > 0 ? 'yes' : 'no'}`,
            `Message-Account: sip:${subscription.resource}@${auth.realm}`,
            `Voice-Message: ${counts.unread}/${counts.read} (0/0)`,
            '',
          ].join('\r\n');
          return Buffer.from(body);
        },
        readWatch: (saved) => {
          const userId = (saved as { userId?: unknown } | null)?.userId;
          return typeof userId === 'string' ? { userId } : undefined;
        },
      },
      storage,
    );
    const changed = (userId: string) => void this.notifyUser(userId);
    events.on('voicemail-received', ({ userId }) => changed(userId));
    events.on('voicemail-changed', changed);
  }

  /** Tells every subscribed device of the user what the box holds now. */
  notifyUser(userId: string): Promise<void> {
    return this.notifyWhere((s) => s.watch.userId === userId);
  }
}
