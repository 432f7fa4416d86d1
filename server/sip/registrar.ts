// The registrar (RFC 3261 §10): digest-authenticated REGISTER against device credentials,
// several contacts per extension (one per device), bindings that end with their connection
// or as soon as the directory revokes the device.
import type { Logger } from '../logger';
import type { Clock } from '../time';
import type { OfficeDb } from '../db/database';
import type { DirectoryEvents } from '../directory/events';
import { findSipAccount } from '../directory/sip-accounts';
import type { SipRequest, SipResponse } from './message';
import { buildResponse, parseNameAddr, parseSipUri } from './fields';
import type { DigestAlgorithm, DigestAuthenticator } from './digest';
import type { AuthFailureGuard } from './auth-guard';
import type { Flow } from './transports/transport';

export const MIN_EXPIRES = 60;
export const MAX_EXPIRES = 3600;

export interface Binding {
  extension: string;
  sipUsername: string;
  /** The Contact URI: where requests for this extension are sent. */
  contact: string;
  flow: Flow;
  callId: string;
  cseq: number;
  expiresAt: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class Registrar {
  private readonly bindings = new Map<string, Binding[]>();

  constructor(
    private readonly db: OfficeDb,
    private readonly digest: DigestAuthenticator,
    private readonly guard: AuthFailureGuard,
    private readonly clock: Clock,
    private readonly logger: Logger,
    events: DirectoryEvents,
  ) {
    events.on('sip-credentials-revoked', (usernames) => this.dropDevices(new Set(usernames)));
  }

  /** Live bindings of an extension, newest first. */
  contactsOf(extension: string): Binding[] {
    const now = this.clock();
    const live = (this.bindings.get(extension) ?? []).filter((b) => b.expiresAt > now);
    this.store(extension, live);
    return [...live].sort((a, b) => b.expiresAt - a.expiresAt);
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

  private store(extension: string, list: Binding[]): void {
    if (list.length === 0) this.bindings.delete(extension);
    else this.bindings.set(extension, list);
  }

  async register(request: SipRequest, flow: Flow): Promise<SipResponse> {
    const address = flow.address;
    if (this.guard.blocked(address)) return buildResponse(request, 403, 'Forbidden (too many failures)');

    let aor;
    try {
      aor = parseSipUri(parseNameAddr(request.headers.get('To')!).uri);
    } catch {
      return buildResponse(request, 400, 'Bad Request (To is not a SIP URI)');
    }
    if (aor.host !== this.digest.realm || !aor.user)
      return buildResponse(request, 404, 'Not Found (not this office)');

    const authorization = request.headers.get('Authorization');
    if (!authorization) return this.challenge(request, flow, false);
    const outcome = await this.digest.verify('REGISTER', authorization, async (username) => {
      const account = await findSipAccount(this.db, username);
      return account ? { password: account.password } : null;
    });
    if (!outcome.ok) {
      if (outcome.reason === 'stale') return this.challenge(request, flow, true);
      await sleep(this.guard.fail(address));
      // A replayed answer never succeeds, but gets a fresh challenge: clients such as sip.js
      // resend their last credentials once before answering a new nonce.
      if (outcome.reason === 'unknown-user') {
        this.logger.warn({ address, reason: outcome.reason }, 'SIP registration refused');
        return buildResponse(request, 403, 'Forbidden');
      }
      return this.challenge(request, flow, false);
    }
    const account = await findSipAccount(this.db, outcome.username);
    if (!account || account.extension !== aor.user) {
      return buildResponse(request, 403, 'Forbidden (device not assigned to this extension)');
    }
    return this.update(request, flow, aor.user, account.sipUsername);
  }

  /**
   * Desk phones on UDP/TCP often read only the first challenge and know only MD5, so MD5 leads
   * there; WebSocket and TLS clients are offered SHA-256 first.
   */
  private challenge(request: SipRequest, flow: Flow, stale: boolean): SipResponse {
    const order: DigestAlgorithm[] =
      flow.transport === 'UDP' || flow.transport === 'TCP' ? ['MD5', 'SHA-256'] : ['SHA-256', 'MD5'];
    return buildResponse(request, 401, 'Unauthorized', {
      headers: this.digest
        .challenges(stale, order)
        .map((value) => ['WWW-Authenticate', value] as [string, string]),
    });
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
    const cseq = Number(request.headers.get('CSeq')!.split(/\s+/)[0]);
    let list = this.contactsOf(extension);

    if (contacts.length === 1 && contacts[0] === '*') {
      if (defaultExpires !== 0) return buildResponse(request, 400, 'Bad Request (* needs Expires: 0)');
      list = list.filter((b) => b.sipUsername !== sipUsername);
    } else {
      const wanted: { uri: string; expires: number }[] = [];
      for (const value of contacts) {
        let contact;
        try {
          contact = parseNameAddr(value);
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
            expiresAt: now + expires * 1000,
          });
        }
      }
    }
    this.store(extension, list);
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
