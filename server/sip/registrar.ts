// The registrar (RFC 3261 §10): digest-authenticated REGISTER against device credentials,
// several contacts per extension (one per device), bindings that end with their connection
// or as soon as the directory revokes the device. It is also the phones' edge: it remembers
// where each REGISTER came from and sends there when the Contact cannot be reached from here
// (a phone behind NAT), and it keeps RFC 5626 flows for phones that ask for outbound.
// Bindings live in memory and are written behind to the database, so a restart keeps them.
import type { Logger } from '../logger';
import type { Clock } from '../time';
import type { DirectoryEvents } from '../directory/events';
import { cseqOf, type SipRequest, type SipResponse } from './message';
import { buildResponse, parseNameAddr, parseSipUri } from './fields';
import type { DeviceAuthenticator } from './device-auth';
import type { Flow } from './transports/transport';
import type { Destination } from './calls/leg';
import { isIP } from 'node:net';
import { randomUUID } from 'node:crypto';
import { LocalNetwork, plainAddress } from './transports/local-network';

export const MIN_EXPIRES = 60;
export const MAX_EXPIRES = 3600;
/** Contacts one device may hold: a phone that re-registers from new ports replaces its oldest. */
export const DEFAULT_MAX_CONTACTS_PER_DEVICE = 5;

export interface Binding {
  /** Stays the same across refreshes: what the database row is kept under. */
  id: string;
  extension: string;
  sipUsername: string;
  /** The Contact URI: where requests for this extension are sent. */
  contact: string;
  flow: Flow;
  callId: string;
  cseq: number;
  /** When its last REGISTER (a refresh counts) was accepted. */
  registeredAt: number;
  expiresAt: number;
  /** RFC 5626: the phone's `+sip.instance` and `reg-id` when the binding is an outbound flow. */
  instance: string | null;
  regId: number | null;
}

/** Where bindings are kept beyond this process: written behind (see WriteBehind). */
export interface BindingStore {
  put(binding: Binding): void;
  remove(id: string): void;
}

const NO_STORE: BindingStore = { put: () => undefined, remove: () => undefined };

/** How often a phone on an outbound flow is asked to send keep-alives (RFC 5626 §5.4 Flow-Timer). */
export const FLOW_TIMER_SECONDS = 25;

/** The address and port of a Contact URI when its host is an IP literal; null for a name. */
function contactAddress(contact: string): { host: string; port: number | null } | null {
  try {
    const uri = parseSipUri(contact);
    const host = uri.host.replace(/^\[(.*)\]$/, '$1');
    return isIP(host) ? { host, port: uri.port } : null;
  } catch {
    return null;
  }
}

/** The outbound parameters of a Contact (RFC 5626 §4.2), or null when it has none that count. */
function flowOf(params: Map<string, string | null>): { instance: string; regId: number } | null {
  const instance = params.get('+sip.instance');
  const regId = params.get('reg-id');
  // §6: a reg-id without an instance is ignored.
  if (!instance || !regId) return null;
  if (!/^[0-9]{1,10}$/.test(regId) || Number(regId) < 1 || Number(regId) > 2 ** 31 - 1) return null;
  if (instance.length > 256) return null;
  return { instance, regId: Number(regId) };
}

export class Registrar {
  private readonly bindings = new Map<string, Binding[]>();

  constructor(
    private readonly auth: DeviceAuthenticator,
    private readonly clock: Clock,
    private readonly logger: Logger,
    events: DirectoryEvents,
    private readonly maxContactsPerDevice = DEFAULT_MAX_CONTACTS_PER_DEVICE,
    private readonly storage: BindingStore = NO_STORE,
    private readonly network = new LocalNetwork(),
  ) {
    events.on('sip-credentials-revoked', (usernames) => this.dropDevices(new Set(usernames)));
    events.on('extensions-vacated', (numbers) => this.dropExtensions(numbers));
  }

  /** Live bindings of an extension, newest first. */
  contactsOf(extension: string): Binding[] {
    return [...this.live(extension)].sort((a, b) => b.expiresAt - a.expiresAt);
  }

  /**
   * Where a call to the extension rings: each binding's destination, one per phone. A phone with
   * several outbound flows is one instance (RFC 5626 §5.3): its newest flow carries the call.
   */
  destinationsOf(extension: string, exceptUsername: string | null = null): Destination[] {
    const instances = new Set<string>();
    return this.contactsOf(extension)
      .filter((binding) => {
        if (binding.sipUsername === exceptUsername) return false;
        if (binding.instance === null) return true;
        const key = `${binding.sipUsername}\n${binding.instance}`;
        if (instances.has(key)) return false;
        instances.add(key);
        return true;
      })
      .map((binding) => this.destinationOf(binding));
  }

  /** Every live binding, for the keep-alive round. */
  *all(): Iterable<Binding> {
    for (const extension of [...this.bindings.keys()]) yield* this.live(extension);
  }

  /** Bindings kept from before a restart: live ones over UDP (see loadBindings). */
  restore(bindings: Binding[]): void {
    for (const binding of bindings)
      this.bindings.set(binding.extension, [...(this.bindings.get(binding.extension) ?? []), binding]);
  }

  /**
   * A binding that stopped answering its keep-alives is gone; unless the phone registered again
   * from elsewhere meanwhile (the same binding with a new source).
   */
  drop(binding: Binding): void {
    const list = this.bindings.get(binding.extension) ?? [];
    const same = (b: Binding) =>
      b.id === binding.id && b.flow.address === binding.flow.address && b.flow.port === binding.flow.port;
    if (list.some(same))
      this.store(
        binding.extension,
        list.filter((b) => !same(b)),
      );
  }

  /** Live bindings of an extension in the order they were added or last refreshed. */
  private live(extension: string): Binding[] {
    const now = this.clock();
    const list = this.bindings.get(extension) ?? [];
    const live = list.filter((b) => b.expiresAt > now);
    if (live.length === list.length) return list;
    this.store(extension, live);
    return live;
  }

  /**
   * Where a request for a binding goes. Over connections, and on an outbound flow, it is the
   * flow the phone registered on (RFC 5626). Over UDP it is the Contact's address when that can
   * be reached from here (the phone's own address, one on our networks, or a public one), else
   * the address the REGISTER came from: the phone is behind a NAT, whose mapping the REGISTER
   * opened (RFC 3581's received/rport).
   */
  destinationOf(binding: Binding): Destination {
    const target = this.reachableContact(binding);
    return target
      ? { uri: binding.contact, flow: { ...binding.flow, address: target.host, port: target.port ?? 5060 } }
      : { uri: binding.contact, flow: binding.flow };
  }

  /**
   * The binding is reached through the mapping its REGISTER opened, over UDP, with nobody else
   * keeping that mapping open: the office sends keep-alives (outbound phones send their own).
   */
  needsKeepAlive(binding: Binding): boolean {
    return binding.flow.transport === 'UDP' && binding.regId === null && !this.reachableContact(binding);
  }

  private reachableContact(binding: Binding): { host: string; port: number | null } | null {
    if (binding.flow.transport !== 'UDP' || binding.regId !== null) return null;
    const target = contactAddress(binding.contact);
    if (!target) return null;
    return target.host === plainAddress(binding.flow.address) || this.network.isReachable(target.host)
      ? target
      : null;
  }

  /** A connection closed: bindings that came over it cannot be reached any more. */
  connectionClosed(connectionId: string): void {
    for (const [extension, list] of this.bindings) {
      this.store(
        extension,
        list.filter((b) => b.flow.connectionId !== connectionId),
      );
    }
  }

  private dropDevices(usernames: Set<string>): void {
    for (const [extension, list] of this.bindings) {
      const kept = list.filter((b) => !usernames.has(b.sipUsername));
      if (kept.length !== list.length)
        this.logger.info({ extension }, 'registration dropped: device revoked');
      this.store(extension, kept);
    }
  }

  private dropExtensions(numbers: string[]): void {
    for (const extension of numbers) {
      if (!this.bindings.has(extension)) continue;
      this.store(extension, []);
      this.logger.info({ extension }, 'registrations dropped: the extension was renumbered');
    }
  }

  /** Keeps the device's newest contacts (the list is in the order they were added or refreshed). */
  private capContacts(list: Binding[], sipUsername: string): Binding[] {
    let surplus = list.filter((b) => b.sipUsername === sipUsername).length - this.maxContactsPerDevice;
    if (surplus <= 0) return list;
    return list.filter((b) => b.sipUsername !== sipUsername || surplus-- <= 0);
  }

  /** The one place bindings change: what changed is written behind. */
  private store(extension: string, list: Binding[]): void {
    const before = this.bindings.get(extension) ?? [];
    if (list.length === 0) this.bindings.delete(extension);
    else this.bindings.set(extension, list);
    if (before === list) return;
    const kept = new Set(list.map((b) => b.id));
    for (const binding of before) if (!kept.has(binding.id)) this.storage.remove(binding.id);
    const known = new Set(before);
    for (const binding of list) if (!known.has(binding)) this.storage.put(binding);
  }

  async register(request: SipRequest, flow: Flow): Promise<SipResponse> {
    let aor;
    try {
      aor = parseSipUri(parseNameAddr(request.headers.get('To')!).uri);
    } catch {
      return buildResponse(request, 400, 'Bad Request (To is not a SIP URI)');
    }
    if (aor.host !== this.auth.realm || !aor.user)
      return buildResponse(request, 404, 'Not Found (not this office)');
    const outcome = await this.auth.authenticate(request, flow);
    if (!outcome.ok) return outcome.response;
    if (outcome.account.extension !== aor.user) {
      return buildResponse(request, 403, 'Forbidden (device not assigned to this extension)');
    }
    return this.update(request, flow, aor.user, outcome.account.sipUsername);
  }

  private update(request: SipRequest, flow: Flow, extension: string, sipUsername: string): SipResponse {
    const now = this.clock();
    const contacts = request.headers.getAll('Contact');
    const headerExpires = request.headers.get('Expires');
    const defaultExpires =
      headerExpires !== undefined && /^[0-9]{1,10}$/.test(headerExpires)
        ? Number(headerExpires)
        : MAX_EXPIRES;
    const callId = request.headers.get('Call-ID')!;
    const cseq = cseqOf(request).seq;
    let list = this.live(extension);
    let outbound = false;

    if (contacts.length === 1 && contacts[0] === '*') {
      if (defaultExpires !== 0) return buildResponse(request, 400, 'Bad Request (* needs Expires: 0)');
      list = list.filter((b) => b.sipUsername !== sipUsername);
    } else {
      const wanted: {
        uri: string;
        expires: number;
        flow: { instance: string; regId: number } | null;
      }[] = [];
      const supportsOutbound = request.headers
        .getAll('Supported')
        .some((option) => option.trim().toLowerCase() === 'outbound');
      for (const value of contacts) {
        let contact;
        try {
          contact = parseNameAddr(value);
          // Calls are sent to this address: it must be one a request can reach.
          if (parseSipUri(contact.uri).port === 0) throw new Error('port 0');
        } catch {
          return buildResponse(request, 400, 'Bad Request (malformed Contact)');
        }
        const param = contact.params.get('expires');
        const expires =
          param !== undefined && param !== null && /^[0-9]{1,10}$/.test(param)
            ? Number(param)
            : defaultExpires;
        if (expires !== 0 && expires < MIN_EXPIRES) {
          return buildResponse(request, 423, 'Interval Too Brief', {
            headers: [['Min-Expires', String(MIN_EXPIRES)]],
          });
        }
        wanted.push({
          uri: contact.uri,
          expires: Math.min(expires, MAX_EXPIRES),
          flow: supportsOutbound ? flowOf(contact.params) : null,
        });
      }
      const flows = wanted.filter((w) => w.flow !== null);
      // RFC 5626 §6: one flow per REGISTER, and only from a phone that reached us directly (a
      // proxy in between would need Path, which this registrar does not route by).
      if (flows.length > 1) return buildResponse(request, 400, 'Bad Request (several Contacts with reg-id)');
      if (flows.length === 1 && request.headers.getAll('Via').length > 1)
        return buildResponse(request, 439, 'First Hop Lacks Outbound Support');
      outbound = flows.length === 1;
      for (const { uri, expires, flow: registered } of wanted) {
        const same = (b: Binding) =>
          registered
            ? b.sipUsername === sipUsername &&
              b.instance === registered.instance &&
              b.regId === registered.regId
            : b.instance === null && b.contact === uri;
        const existing = list.find(same);
        // RFC 3261 §10.3 step 6: an older request on the same Call-ID must not undo a newer one.
        if (existing && existing.callId === callId && existing.cseq > cseq) continue;
        list = list.filter((b) => !same(b));
        if (expires > 0) {
          list.push({
            id: existing?.id ?? randomUUID(),
            extension,
            sipUsername,
            contact: uri,
            flow,
            callId,
            cseq,
            registeredAt: now,
            expiresAt: now + expires * 1000,
            instance: registered?.instance ?? null,
            regId: registered?.regId ?? null,
          });
        }
      }
    }
    this.store(extension, this.capContacts(list, sipUsername));
    return buildResponse(request, 200, 'OK', {
      headers: [
        ...this.contactsOf(extension).map((b) => ['Contact', this.contactValue(b, now)] as [string, string]),
        ['Date', new Date(now).toUTCString()],
        ...(outbound
          ? ([
              ['Require', 'outbound'],
              ['Flow-Timer', String(FLOW_TIMER_SECONDS)],
            ] as [string, string][])
          : []),
      ],
    });
  }

  /** A binding as the 200 lists it: with its instance and reg-id when it is a flow. */
  private contactValue(binding: Binding, now: number): string {
    const flow = binding.regId === null ? '' : `;+sip.instance=${binding.instance};reg-id=${binding.regId}`;
    return `<${binding.contact}>;expires=${Math.ceil((binding.expiresAt - now) / 1000)}${flow}`;
  }
}
