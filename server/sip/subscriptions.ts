// Event subscriptions (RFC 6665) as the office's notifier serves them, whatever the package: a
// device authenticates, the package decides whether it may watch the resource (the To's user),
// the office answers 200 and NOTIFYs at once and on every change the package reports, refreshes
// and unsubscribes in the dialog, and caps subscriptions per device (its oldest give way) and in
// total. Message waiting and dialog state (BLF) are its packages.
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
}

const dialogKey = (callId: string, remoteTag: string, localTag: string) =>
  `${callId}|${remoteTag}|${localTag}`;

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
    if (granted === 0) this.subscriptions.delete(key);
    else if (!existing) {
      this.subscriptions.set(key, subscription);
      this.capDevice(device.sipUsername);
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
    for (const [key, subscription] of this.subscriptions)
      if (which(subscription)) this.subscriptions.delete(key);
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
        if (response.status === 481 || response.status === 408)
          this.subscriptions.delete(this.keyOf(subscription));
      },
      [
        ['Event', this.eventPackage.event],
        ['Subscription-State', left > 0 ? `active;expires=${left}` : 'terminated;reason=timeout'],
      ],
    );
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
    for (const [key] of own.slice(0, Math.max(0, own.length - this.limits.perDevice)))
      this.subscriptions.delete(key);
  }

  private sweep(now: number): void {
    this.drop((s) => s.expiresAt <= now);
  }
}

/** The package a SUBSCRIBE asks for (its Event header's type), in lower case. */
export const eventOf = (request: SipRequest) =>
  (request.headers.get('Event') ?? '').split(';')[0]!.trim().toLowerCase();
