// The registrar (RFC 3261 §10): digest-authenticated REGISTER against device credentials,
// several contacts per extension (one per device), bindings that end with their connection
// or as soon as the directory revokes the device.
import type { Logger } from '../logger';
import type { Clock } from '../time';
import type { DirectoryEvents } from '../directory/events';
import { cseqOf, type SipRequest, type SipResponse } from './message';
import { buildResponse, parseNameAddr, parseSipUri } from './fields';
import type { DeviceAuthenticator } from './device-auth';
import type { Flow } from './transports/transport';
import type { Destination } from './calls/leg';
import { isIP } from 'node:net';

export const MIN_EXPIRES = 60;
export const MAX_EXPIRES = 3600;
/** Contacts one device may hold: a phone that re-registers from new ports replaces its oldest. */
export const DEFAULT_MAX_CONTACTS_PER_DEVICE = 5;

export interface Binding {
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
}

export class Registrar {
  private readonly bindings = new Map<string, Binding[]>();

  constructor(
    private readonly auth: DeviceAuthenticator,
    private readonly clock: Clock,
    private readonly logger: Logger,
    events: DirectoryEvents,
    private readonly maxContactsPerDevice = DEFAULT_MAX_CONTACTS_PER_DEVICE,
  ) {
    events.on('sip-credentials-revoked', (usernames) => this.dropDevices(new Set(usernames)));
    events.on('extensions-vacated', (numbers) => this.dropExtensions(numbers));
  }

  /** Live bindings of an extension, newest first. */
  contactsOf(extension: string): Binding[] {
    return [...this.live(extension)].sort((a, b) => b.expiresAt - a.expiresAt);
  }

  /** Live bindings of an extension in the order they were added or last refreshed. */
  private live(extension: string): Binding[] {
    const now = this.clock();
    const live = (this.bindings.get(extension) ?? []).filter((b) => b.expiresAt > now);
    this.store(extension, live);
    return live;
  }

  /**
   * Where a request for a binding goes. Over connections it is the connection the phone
   * registered on (RFC 5626); over UDP the Contact's address when it is an IP literal (a phone
   * that told us where it listens), else the address the REGISTER came from.
   */
  destinationOf(binding: Binding): Destination {
    if (binding.flow.transport === 'UDP') {
      try {
        const uri = parseSipUri(binding.contact);
        if (isIP(uri.host))
          return {
            uri: binding.contact,
            flow: { ...binding.flow, address: uri.host, port: uri.port ?? 5060 },
          };
      } catch {
        // Not a SIP URI we can read: the source address is all we have.
      }
    }
    return { uri: binding.contact, flow: binding.flow };
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
      if (this.bindings.delete(extension))
        this.logger.info({ extension }, 'registrations dropped: the extension was renumbered');
    }
  }

  /** Keeps the device's newest contacts (the list is in the order they were added or refreshed). */
  private capContacts(list: Binding[], sipUsername: string): Binding[] {
    let surplus = list.filter((b) => b.sipUsername === sipUsername).length - this.maxContactsPerDevice;
    if (surplus <= 0) return list;
    return list.filter((b) => b.sipUsername !== sipUsername || surplus-- <= 0);
  }

  private store(extension: string, list: Binding[]): void {
    if (list.length === 0) this.bindings.delete(extension);
    else this.bindings.set(extension, list);
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

    if (contacts.length === 1 && contacts[0] === '*') {
      if (defaultExpires !== 0) return buildResponse(request, 400, 'Bad Request (* needs Expires: 0)');
      list = list.filter((b) => b.sipUsername !== sipUsername);
    } else {
      const wanted: { uri: string; expires: number }[] = [];
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
        wanted.push({ uri: contact.uri, expires: Math.min(expires, MAX_EXPIRES) });
      }
      for (const { uri, expires } of wanted) {
        const existing = list.find((b) => b.contact === uri);
        // RFC 3261 §10.3 step 6: an older request on the same Call-ID must not undo a newer one.
        if (existing && existing.callId === callId && existing.cseq > cseq) continue;
        list = list.filter((b) => b.contact !== uri);
        if (expires > 0) {
          list.push({
            extension,
            sipUsername,
            contact: uri,
            flow,
            callId,
            cseq,
            registeredAt: now,
            expiresAt: now + expires * 1000,
          });
        }
      }
    }
    this.store(extension, this.capContacts(list, sipUsername));
    return buildResponse(request, 200, 'OK', {
      headers: [
        ...this.contactsOf(extension).map(
          (b) =>
            ['Contact', `<${b.contact}>;expires=${Math.ceil((b.expiresAt - now) / 1000)}`] as [
              string,
              string,
            ],
        ),
        ['Date', new Date(now).toUTCString()],
      ],
    });
  }
}
