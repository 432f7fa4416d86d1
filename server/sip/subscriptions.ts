// Event subscriptions (RFC 6665) as the office's notifier serves them, whatever the package: a
// device authenticates, the package decides whether it may watch the resource (the To's user),
// the office answers 200 and NOTIFYs at once and on every change the package reports, refreshes
// and unsubscribes in the dialog, and caps subscriptions per device (its oldest give way) and in
// total. Message waiting and dialog state (BLF) are its packages. Subscriptions live in memory
// and are written behind to the database, every package's the same way, so a restart keeps
// them: the next NOTIFY goes on in the phone's dialog.
import type { Selectable } from 'kysely';
import type { Logger } from '../logger';
import type { Clock } from '../time';
import type { SipAccount } from '../directory/sip-accounts';
import type { DirectoryEvents } from '../directory/events';
import type { SipRequest, SipResponse } from './message';
import { buildResponse, newTag, parseNameAddr, parseSipUri } from './fields';
import type { DeviceAuthenticator } from './device-auth';
import type { SipStack } from './stack';
import type { Flow } from './transports/transport';
import { Leg, serverContact, tagOf } from './calls/leg';
import type { SipSubscriptionTable } from '../db/schema';
import type { WriteBehind } from './write-behind';
import { isTransportName, subscriptionKey, type SubscriptionRow } from './state-repository';

/** Where subscriptions are kept beyond this process, under `subscriptionKey`. */
export type SubscriptionStore = Pick<WriteBehind<SubscriptionRow>, 'put' | 'remove'>;

const NO_STORE: SubscriptionStore = { put: () => undefined, remove: () => undefined };

export interface SubscriptionLimits {
  minExpires: number;
  maxExpires: number;
  /** A phone that resubscribes after a reboot replaces its oldest subscription past this. */
  perDevice: number;
  total: number;
}

export interface Subscription<Watch> {
  /** The watched resource: the user part of the SUBSCRIBE's To (an extension). */
  resource: string;
  sipUsername: string;
  /** What the package keeps about it (whose voicemail box, …). */
  watch: Watch;
  leg: Leg;
  expiresAt: number;
  /** NOTIFYs sent so far: dialog-info's `version` counts them. */
  notified: number;
}

/** One event package: who may watch what, and what its NOTIFYs say. */
export interface EventPackage<Watch> {
  event: string;
  contentType: string;
  /** What the package keeps about the subscription, or the refusal when the device may not watch it. */
  admit(device: SipAccount, resource: string, request: SipRequest): Promise<Watch | SipResponse>;
  /** The body of the next NOTIFY; null when the state cannot be read (nothing is sent). */
  body(subscription: Subscription<Watch>): Promise<Buffer | null>;
  /**
   * What the package kept about a subscription, read back from its JSON after a restart;
   * undefined when it does not read as one (the subscription is not restored).
   */
  readWatch(saved: unknown): Watch | undefined;
}

const dialogKey = (callId: string, remoteTag: string, localTag: string) =>
  `${callId}|${remoteTag}|${localTag}`;

function rowOf<Watch>(event: string, subscription: Subscription<Watch>): SubscriptionRow {
  const dialog = subscription.leg.saved();
  return {
    call_id: dialog.callId,
    local_tag: dialog.localTag,
    remote_tag: dialog.remoteTag,
    event,
    resource: subscription.resource,
    sip_username: subscription.sipUsername,
    watch: JSON.stringify(subscription.watch),
    notified: subscription.notified,
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

const storeKey = <Watch>(subscription: Subscription<Watch>) =>
  subscriptionKey({ call_id: subscription.leg.callId, local_tag: subscription.leg.localTag });

/** A kept watch's JSON, parsed; undefined when it is not JSON at all. */
function parsedWatch(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const isRefusal = <Watch>(value: Watch | SipResponse): value is SipResponse =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'response';

export class Subscriptions<Watch> {
  /** By dialog, in the order they were made: the oldest come first. */
  private readonly subscriptions = new Map<string, Subscription<Watch>>();

  /**
   * Subscriptions end with their device's credentials, and with their resource's number when its
   * owner is renumbered.
   */
  constructor(
    private readonly stack: SipStack,
    private readonly auth: DeviceAuthenticator,
    private readonly clock: Clock,
    private readonly logger: Logger,
    events: DirectoryEvents,
    private readonly limits: SubscriptionLimits,
    private readonly eventPackage: EventPackage<Watch>,
    private readonly storage: SubscriptionStore = NO_STORE,
  ) {
    events.on('sip-credentials-revoked', (usernames) => {
      const revoked = new Set(usernames);
      this.drop((s) => revoked.has(s.sipUsername));
    });
    events.on('extensions-vacated', (numbers) => this.drop((s) => numbers.includes(s.resource)));
  }

  get size(): number {
    return this.subscriptions.size;
  }

  /**
   * This package's subscriptions kept from before a restart (live ones over UDP: see
   * loadSubscriptions; the rows of every package are offered, each takes its own).
   */
  restore(rows: Selectable<SipSubscriptionTable>[]): void {
    for (const row of rows) {
      if (row.event !== this.eventPackage.event || !isTransportName(row.transport)) continue;
      const watch = this.eventPackage.readWatch(parsedWatch(row.watch));
      if (watch === undefined) {
        this.logger.warn({ event: row.event, callId: row.call_id }, 'kept subscription unreadable: dropped');
        this.storage.remove(subscriptionKey(row));
        continue;
      }
      const subscription: Subscription<Watch> = {
        resource: row.resource,
        sipUsername: row.sip_username,
        watch,
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
        expiresAt: Number(row.expires_at),
        notified: Number(row.notified),
      };
      this.subscriptions.set(this.keyOf(subscription), subscription);
    }
  }

  /** A connection closed: NOTIFYs for subscriptions made over it could not be delivered. */
  connectionClosed(connectionId: string): void {
    this.drop((s) => s.leg.flow.connectionId === connectionId);
  }

  async subscribe(request: SipRequest, flow: Flow): Promise<SipResponse> {
    const { contentType } = this.eventPackage;
    const accept = request.headers.getAll('Accept').join(',').toLowerCase();
    if (accept && !accept.includes(contentType))
      return buildResponse(request, 406, 'Not Acceptable', { headers: [['Accept', contentType]] });
    const expires = this.expiresOf(request);
    if (expires === null) return buildResponse(request, 400, 'Bad Request (malformed Expires)');
    if (expires !== 0 && expires < this.limits.minExpires)
      return buildResponse(request, 423, 'Interval Too Brief', {
        headers: [['Min-Expires', String(this.limits.minExpires)]],
      });
    let target;
    try {
      target = parseSipUri(parseNameAddr(request.headers.get('To')!).uri);
    } catch {
      return buildResponse(request, 400, 'Bad Request (To is not a SIP URI)');
    }
    if (target.host !== this.auth.realm || !target.user)
      return buildResponse(request, 404, 'Not Found (not this office)');
    const outcome = await this.auth.authenticate(request, flow);
    if (!outcome.ok) return outcome.response;
    const device = outcome.account;
    const watch = await this.eventPackage.admit(device, target.user, request);
    if (isRefusal(watch)) return watch;

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
        resource: target.user,
        sipUsername: device.sipUsername,
        watch,
        leg: Leg.answering(this.stack, request, flow, newTag()),
        expiresAt: 0,
        notified: 0,
      };
    }
    const granted = Math.min(expires, this.limits.maxExpires);
    subscription.expiresAt = now + granted * 1000;
    const key = this.keyOf(subscription);
    if (granted === 0) this.forget(key);
    else {
      this.subscriptions.set(key, subscription);
      this.save(subscription);
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

  /** Tells every subscription the package picks what its resource's state is now. */
  async notifyWhere(which: (subscription: Subscription<Watch>) => boolean): Promise<void> {
    this.sweep(this.clock());
    await Promise.all([...this.subscriptions.values()].filter(which).map((s) => this.notify(s)));
  }

  /** Ends these subscriptions without a word (their device lost the right to them, or is gone). */
  drop(which: (subscription: Subscription<Watch>) => boolean): void {
    for (const [key, subscription] of this.subscriptions) if (which(subscription)) this.forget(key);
  }

  private async notify(subscription: Subscription<Watch>): Promise<void> {
    let body;
    try {
      body = await this.eventPackage.body(subscription);
    } catch (error) {
      this.logger.warn(
        { error: String(error), event: this.eventPackage.event },
        'subscription state unreadable',
      );
      return;
    }
    if (!body) return;
    subscription.notified++;
    const left = Math.max(0, Math.ceil((subscription.expiresAt - this.clock()) / 1000));
    subscription.leg.send(
      'NOTIFY',
      { contentType: this.eventPackage.contentType, bytes: body },
      (response) => {
        // The device forgot the subscription or cannot be reached: stop sending to it.
        if (response.status === 481 || response.status === 408) this.forget(this.keyOf(subscription));
      },
      [
        ['Event', this.eventPackage.event],
        ['Subscription-State', left > 0 ? `active;expires=${left}` : 'terminated;reason=timeout'],
      ],
    );
    // The dialog's CSeq and the NOTIFY count moved on: after a restart the next NOTIFY must go
    // on from there (a phone ignores a CSeq or a dialog-info version that goes back).
    if (this.subscriptions.has(this.keyOf(subscription))) this.save(subscription);
  }

  private save(subscription: Subscription<Watch>): void {
    this.storage.put(storeKey(subscription), rowOf(this.eventPackage.event, subscription));
  }

  private forget(key: string): void {
    const subscription = this.subscriptions.get(key);
    if (!subscription) return;
    this.subscriptions.delete(key);
    this.storage.remove(storeKey(subscription));
  }

  /** The Expires asked for: the header, else the longest this office grants. */
  private expiresOf(request: SipRequest): number | null {
    const value = request.headers.get('Expires');
    if (value === undefined) return this.limits.maxExpires;
    return /^[0-9]{1,10}$/.test(value.trim()) ? Number(value.trim()) : null;
  }

  private keyOf(subscription: Subscription<Watch>): string {
    const { leg } = subscription;
    return dialogKey(leg.callId, leg.remoteTag, leg.localTag);
  }

  private capDevice(sipUsername: string): void {
    const own = [...this.subscriptions].filter(([, s]) => s.sipUsername === sipUsername);
    for (const [key] of own.slice(0, Math.max(0, own.length - this.limits.perDevice))) this.forget(key);
  }

  private sweep(now: number): void {
    this.drop((s) => s.expiresAt <= now);
  }
}

/** The package a SUBSCRIBE asks for (its Event header's type), in lower case. */
export const eventOf = (request: SipRequest) =>
  (request.headers.get('Event') ?? '').split(';')[0]!.trim().toLowerCase();
