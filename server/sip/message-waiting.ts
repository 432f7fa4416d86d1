// Message waiting (RFC 3842 over RFC 6665): a user's own devices subscribe to
// `message-summary` for their extension and are told, at once and on every change, how many
// new and old messages the voicemail box holds. Only a device of the extension may subscribe;
// subscriptions are capped per device (its oldest give way) and in total.
import type { Logger } from '../logger';
import type { Clock } from '../time';
import type { OfficeDb } from '../db/database';
import type { DirectoryEvents } from '../directory/events';
import { messageCounts } from '../directory/voicemail';
import type { SipRequest, SipResponse } from './message';
import { buildResponse, newTag, parseNameAddr, parseSipUri } from './fields';
import type { DeviceAuthenticator } from './device-auth';
import type { SipStack } from './stack';
import type { Flow } from './transports/transport';
import { Leg, serverContact, tagOf } from './calls/leg';
import type { WriteBehind } from './write-behind';
import { isTransportName, subscriptionKey, type SubscriptionRow } from './state-repository';
import type { Selectable } from 'kysely';
import type { SipSubscriptionTable } from '../db/schema';

/** Where subscriptions are kept beyond this process, under `subscriptionKey`. */
export type SubscriptionStore = Pick<WriteBehind<SubscriptionRow>, 'put' | 'remove'>;

const NO_STORE: SubscriptionStore = { put: () => undefined, remove: () => undefined };

export const EVENT_PACKAGE = 'message-summary';
export const SUMMARY_TYPE = 'application/simple-message-summary';

export interface MessageWaitingLimits {
  minExpires: number;
  maxExpires: number;
  /** A phone that resubscribes after a reboot replaces its oldest subscription past this. */
  perDevice: number;
  total: number;
}

export const DEFAULT_MESSAGE_WAITING_LIMITS: MessageWaitingLimits = {
  minExpires: 60,
  maxExpires: 3600,
  perDevice: 4,
  total: 10_000,
};

interface Subscription {
  userId: string;
  extension: string;
  sipUsername: string;
  leg: Leg;
  expiresAt: number;
}

const dialogKey = (callId: string, remoteTag: string, localTag: string) =>
  `${callId}|${remoteTag}|${localTag}`;

function rowOf(subscription: Subscription): SubscriptionRow {
  const dialog = subscription.leg.saved();
  return {
    call_id: dialog.callId,
    local_tag: dialog.localTag,
    remote_tag: dialog.remoteTag,
    user_id: subscription.userId,
    extension: subscription.extension,
    sip_username: subscription.sipUsername,
    local_uri: dialog.localAddress,
    remote_uri: dialog.remoteAddress,
    remote_target: dialog.remoteTarget,
    local_seq: dialog.localSeq,
    transport: dialog.flow.transport,
    address: dialog.flow.address,
    port: dialog.flow.port,
    expires_at: subscription.expiresAt,
  };
}

const storeKey = (subscription: Subscription) =>
  subscriptionKey({ call_id: subscription.leg.callId, local_tag: subscription.leg.localTag });

export class MessageWaiting {
  /** By dialog, in the order they were made: the oldest come first. */
  private readonly subscriptions = new Map<string, Subscription>();

  constructor(
    private readonly stack: SipStack,
    private readonly db: OfficeDb,
    private readonly auth: DeviceAuthenticator,
    private readonly clock: Clock,
    private readonly logger: Logger,
    events: DirectoryEvents,
    private readonly limits = DEFAULT_MESSAGE_WAITING_LIMITS,
    private readonly storage: SubscriptionStore = NO_STORE,
  ) {
    const changed = (userId: string) => void this.notifyUser(userId);
    events.on('voicemail-received', ({ userId }) => changed(userId));
    events.on('voicemail-changed', changed);
    events.on('sip-credentials-revoked', (usernames) => {
      const revoked = new Set(usernames);
      this.drop((s) => revoked.has(s.sipUsername));
    });
    events.on('extensions-vacated', (numbers) => this.drop((s) => numbers.includes(s.extension)));
  }

  get size(): number {
    return this.subscriptions.size;
  }

  /** Subscriptions kept from before a restart (live, over UDP: see loadSubscriptions). */
  restore(rows: Selectable<SipSubscriptionTable>[]): void {
    for (const row of rows) {
      if (!isTransportName(row.transport)) continue;
      const subscription: Subscription = {
        userId: row.user_id,
        extension: row.extension,
        sipUsername: row.sip_username,
        expiresAt: Number(row.expires_at),
        leg: Leg.restore(this.stack, {
          callId: row.call_id,
          localTag: row.local_tag,
          remoteTag: row.remote_tag,
          localAddress: row.local_uri,
          remoteAddress: row.remote_uri,
          remoteTarget: row.remote_target,
          localSeq: Number(row.local_seq),
          flow: { transport: row.transport, address: row.address, port: row.port, connectionId: null },
        }),
      };
      this.subscriptions.set(this.keyOf(subscription), subscription);
    }
  }

  /** A connection closed: NOTIFYs for subscriptions made over it could not be delivered. */
  connectionClosed(connectionId: string): void {
    this.drop((s) => s.leg.flow.connectionId === connectionId);
  }

  async subscribe(request: SipRequest, flow: Flow): Promise<SipResponse> {
    const event = (request.headers.get('Event') ?? '').split(';')[0]!.trim().toLowerCase();
    if (event !== EVENT_PACKAGE)
      return buildResponse(request, 489, 'Bad Event', { headers: [['Allow-Events', EVENT_PACKAGE]] });
    const accept = request.headers.getAll('Accept').join(',').toLowerCase();
    if (accept && !accept.includes(SUMMARY_TYPE))
      return buildResponse(request, 406, 'Not Acceptable', { headers: [['Accept', SUMMARY_TYPE]] });
    const expires = this.expiresOf(request);
    if (expires === null) return buildResponse(request, 400, 'Bad Request (malformed Expires)');
    if (expires !== 0 && expires < this.limits.minExpires)
      return buildResponse(request, 423, 'Interval Too Brief', {
        headers: [['Min-Expires', String(this.limits.minExpires)]],
      });
    let account;
    try {
      account = parseSipUri(parseNameAddr(request.headers.get('To')!).uri);
    } catch {
      return buildResponse(request, 400, 'Bad Request (To is not a SIP URI)');
    }
    if (account.host !== this.auth.realm || !account.user)
      return buildResponse(request, 404, 'Not Found (not this office)');
    const outcome = await this.auth.authenticate(request, flow);
    if (!outcome.ok) return outcome.response;
    const device = outcome.account;
    if (device.extension !== account.user || !device.userId)
      return buildResponse(request, 403, 'Forbidden (not a device of this voicemail box)');

    const localTag = tagOf(request.headers.get('To'));
    const existing = localTag
      ? this.subscriptions.get(
          dialogKey(request.headers.get('Call-ID')!, tagOf(request.headers.get('From')) ?? '', localTag),
        )
      : undefined;
    if (localTag && (!existing || existing.sipUsername !== device.sipUsername))
      return buildResponse(request, 481, 'Subscription Does Not Exist');

    const now = this.clock();
    let subscription = existing;
    if (!subscription) {
      this.sweep(now);
      if (expires !== 0 && this.subscriptions.size >= this.limits.total)
        return buildResponse(request, 503, 'Service Unavailable (too many subscriptions)', {
          headers: [['Retry-After', '300']],
        });
      subscription = {
        userId: device.userId,
        extension: device.extension,
        sipUsername: device.sipUsername,
        leg: Leg.answering(this.stack, request, flow, newTag()),
        expiresAt: 0,
      };
    }
    const granted = Math.min(expires, this.limits.maxExpires);
    subscription.expiresAt = now + granted * 1000;
    const key = this.keyOf(subscription);
    if (granted === 0) this.forget(key);
    else {
      this.subscriptions.set(key, subscription);
      this.storage.put(storeKey(subscription), rowOf(subscription));
      if (!existing) this.capDevice(device.sipUsername);
    }
    // RFC 6665 §4.2.1.2: every accepted SUBSCRIBE, an unsubscribe too, is followed by a NOTIFY.
    const notified = subscription;
    setImmediate(() => void this.notify(notified));
    return buildResponse(request, 200, 'OK', {
      toTag: subscription.leg.localTag,
      headers: [
        ['Expires', String(granted)],
        ['Contact', serverContact(this.stack, flow)],
      ],
    });
  }

  /** Tells every subscribed device of the user what the box holds now. */
  async notifyUser(userId: string): Promise<void> {
    this.sweep(this.clock());
    await Promise.all(
      [...this.subscriptions.values()].filter((s) => s.userId === userId).map((s) => this.notify(s)),
    );
  }

  private async notify(subscription: Subscription): Promise<void> {
    let counts;
    try {
      counts = await messageCounts(this.db, subscription.userId);
    } catch (error) {
      this.logger.warn({ error: String(error) }, 'message-waiting counts unreadable');
      return;
    }
    const left = Math.max(0, Math.ceil((subscription.expiresAt - this.clock()) / 1000));
    const body = [
      `Messages-Waiting: ${counts.unread > 0 ? 'yes' : 'no'}`,
      `Message-Account: sip:${subscription.extension}@${this.auth.realm}`,
      `Voice-Message: ${counts.unread}/${counts.read} (0/0)`,
      '',
    ].join('\r\n');
    subscription.leg.send(
      'NOTIFY',
      { contentType: SUMMARY_TYPE, bytes: Buffer.from(body) },
      (response) => {
        // The device forgot the subscription or cannot be reached: stop sending to it.
        if (response.status === 481 || response.status === 408) this.forget(this.keyOf(subscription));
      },
      [
        ['Event', EVENT_PACKAGE],
        ['Subscription-State', left > 0 ? `active;expires=${left}` : 'terminated;reason=timeout'],
      ],
    );
    // The dialog's CSeq moved on: after a restart the next NOTIFY must go on from there.
    if (this.subscriptions.has(this.keyOf(subscription)))
      this.storage.put(storeKey(subscription), rowOf(subscription));
  }

  /** The Expires asked for: the header, else the package's default (RFC 3842 suggests an hour). */
  private expiresOf(request: SipRequest): number | null {
    const value = request.headers.get('Expires');
    if (value === undefined) return this.limits.maxExpires;
    return /^[0-9]{1,10}$/.test(value.trim()) ? Number(value.trim()) : null;
  }

  private keyOf(subscription: Subscription): string {
    const { leg } = subscription;
    return dialogKey(leg.callId, leg.remoteTag, leg.localTag);
  }

  private capDevice(sipUsername: string): void {
    const own = [...this.subscriptions].filter(([, s]) => s.sipUsername === sipUsername);
    for (const [key] of own.slice(0, Math.max(0, own.length - this.limits.perDevice))) this.forget(key);
  }

  private forget(key: string): void {
    const subscription = this.subscriptions.get(key);
    if (!subscription) return;
    this.subscriptions.delete(key);
    this.storage.remove(storeKey(subscription));
  }

  private sweep(now: number): void {
    this.drop((s) => s.expiresAt <= now);
  }

  private drop(which: (subscription: Subscription) => boolean): void {
    for (const [key, subscription] of this.subscriptions) if (which(subscription)) this.forget(key);
  }
}
