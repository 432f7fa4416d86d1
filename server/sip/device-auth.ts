// Digest authentication of a device (RFC 3261 §22): REGISTER and SUBSCRIBE answer 401 with
// WWW-Authenticate, everything else 407 with Proxy-Authenticate, against the device credentials
// in the directory.
// An unknown username, a wrong password or an answer for another URI are all answered alike, by
// a new challenge, so usernames cannot be probed. Failures are slowed, then blocked, by the guard.
import type { Logger } from '../logger';
import type { SipAccount, SipAccounts } from '../directory/sip-accounts';
import type { SipRequest, SipResponse } from './message';
import { buildResponse, parseNameAddr, parseSipUri } from './fields';
import { parseDigestParams, type DigestAlgorithm, type DigestAuthenticator } from './digest';
import type { DigestPolicy } from './digest-policy';
import type { AuthFailureGuard } from './auth-guard';
import type { Flow } from './transports/transport';

export type AuthOutcome = { ok: true; account: SipAccount } | { ok: false; response: SipResponse };

/**
 * REGISTER is answered by the registrar and SUBSCRIBE by the notifier, both user agents (401);
 * everything else by a proxy (407).
 */
const answeredAsUserAgent = (request: SipRequest) =>
  request.method === 'REGISTER' || request.method === 'SUBSCRIBE';

export const credentialsHeader = (request: SipRequest) =>
  answeredAsUserAgent(request) ? 'Authorization' : 'Proxy-Authorization';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class DeviceAuthenticator {
  constructor(
    private readonly accounts: SipAccounts,
    private readonly digest: DigestAuthenticator,
    private readonly guard: AuthFailureGuard,
    private readonly logger: Logger,
    private readonly policy: DigestPolicy,
    /** Told of every request that passes (the stack keeps its connection's place, say). */
    private readonly onAuthenticated: (flow: Flow) => void,
  ) {}

  get realm(): string {
    return this.digest.realm;
  }

  /** A request without credentials: the challenge to send statelessly (see RequestScreen). */
  challengeUnauthenticated(request: SipRequest, flow: Flow): SipResponse | null {
    return request.headers.has(credentialsHeader(request)) ? null : this.challenge(request, flow);
  }

  async authenticate(request: SipRequest, flow: Flow): Promise<AuthOutcome> {
    const address = flow.address;
    const refuse = (response: SipResponse): AuthOutcome => ({ ok: false, response });
    const authorization = request.headers.get(credentialsHeader(request));
    if (!authorization) return refuse(this.challenge(request, flow));
    const claimed = parseDigestParams(authorization)?.get('username') ?? '';
    if (this.guard.blocked(address, claimed))
      return refuse(buildResponse(request, 403, 'Forbidden (too many failures)'));
    let account: SipAccount | null = null;
    const outcome = await this.digest.verify(request.method, request.uri, authorization, async (username) => {
      account = await this.accounts.find(username);
      return account ? { password: account.password } : null;
    });
    if (!outcome.ok) {
      if (outcome.reason === 'stale') return refuse(this.challenge(request, flow, true));
      // A replayed answer never succeeds, but gets a fresh challenge without counting as a
      // guess: clients such as sip.js resend their last credentials before answering a new nonce.
      if (outcome.reason === 'replay') return refuse(this.challenge(request, flow));
      await sleep(this.guard.fail(address, claimed));
      this.logger.warn(
        { address, method: request.method, reason: outcome.reason },
        'SIP authentication failed',
      );
      return refuse(this.challenge(request, flow));
    }
    if (!account) return refuse(buildResponse(request, 403, 'Forbidden'));
    // Only what the device was offered: a right answer with another algorithm says nothing
    // new to whoever knows the password, and is refused plainly (a new challenge would loop).
    if (!this.policy.algorithmsOf((account as SipAccount).digestChoice).includes(outcome.algorithm))
      return refuse(
        buildResponse(request, 403, `Forbidden (${outcome.algorithm} digest not allowed for this device)`),
      );
    this.onAuthenticated(flow);
    return { ok: true, account };
  }

  /** The extension a request speaks for: To for REGISTER and SUBSCRIBE, From for the rest. */
  private extensionOf(request: SipRequest): string | null {
    try {
      const header = request.headers.get(answeredAsUserAgent(request) ? 'To' : 'From')!;
      return parseSipUri(parseNameAddr(header).uri).user;
    } catch {
      return null;
    }
  }

  /**
   * The challenges of the request's extension and transport (see DigestPolicy). Offered both, desk phones on
   * UDP/TCP often read only the first challenge and know only MD5, so MD5 leads there;
   * WebSocket and TLS clients are offered SHA-256 first.
   */
  challenge(request: SipRequest, flow: Flow, stale = false): SipResponse {
    const algorithms = this.policy.challengeFor(
      this.extensionOf(request),
      flow.transport === 'WS' || flow.transport === 'WSS',
    );
    const mdFirst = flow.transport === 'UDP' || flow.transport === 'TCP';
    const order: DigestAlgorithm[] =
      mdFirst && algorithms.includes('MD5') ? ['MD5', ...algorithms.filter((a) => a !== 'MD5')] : algorithms;
    const proxy = !answeredAsUserAgent(request);
    const header = proxy ? 'Proxy-Authenticate' : 'WWW-Authenticate';
    return buildResponse(
      request,
      proxy ? 407 : 401,
      proxy ? 'Proxy Authentication Required' : 'Unauthorized',
      {
        headers: this.digest.challenges(stale, order).map((value) => [header, value] as [string, string]),
      },
    );
  }
}
