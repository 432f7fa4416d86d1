// Who may fetch a desk phone's files: each phone answers an HTTP Digest challenge (RFC 7616,
// MD5 with qop=auth, which Yealink, Poly and Grandstream phones all speak) with its own
// provisioning credential, so no password crosses the network even over plain HTTP, and the
// office keeps only the digest hash of each password, sealed. Basic is never accepted.
// Failed answers are counted as failed sign-ins are, per address and per username as given
// (whether or not a phone has it): past either limit the request is refused without a look at
// its credentials until the window has passed. A guesser behind the same address as the phones
// (a NAT, the reverse proxy in front of the office) locks out the username it guesses, and the
// address only after many more failures.
import type { SecretBox } from '../secrets/secret-box';
import type { OfficeDb } from '../db/database';
import type { Clock } from '../time';
import { DigestAuthenticator, parseDigestParams } from '../sip/digest';
import { SlidingWindow } from '../accounts/sliding-window';
import { findProvisioningAccount, PROVISIONING_REALM } from '../directory/desk-phones';

export const FAILURE_WINDOW_MS = 15 * 60_000;
/** Failed answers one username may get in the window: a phone with a wrong password fails once a fetch. */
export const USERNAME_MAX_FAILURES = 10;
/** Failed answers an address may give in the window, whatever the usernames. */
export const ADDRESS_MAX_FAILURES = 50;

const THROTTLED = { kind: 'throttled', retryAfterSeconds: FAILURE_WINDOW_MS / 1000 } as const;

export type GateOutcome =
  /** Let in; `done` says whether the request turned out to count against its address and username. */
  | { kind: 'device'; deviceId: string; done: (counts: boolean) => void }
  /** Answer 401 with `challenge` in WWW-Authenticate. */
  | { kind: 'challenge'; challenge: string }
  | { kind: 'throttled'; retryAfterSeconds: number };

export class ProvisioningGate {
  private readonly digest: DigestAuthenticator;
  private readonly byAddress: SlidingWindow;
  private readonly byUsername: SlidingWindow;

  constructor(
    private readonly db: OfficeDb,
    private readonly secrets: SecretBox,
    clock: Clock,
    nonceKey: Buffer,
  ) {
    this.digest = new DigestAuthenticator(nonceKey, clock, PROVISIONING_REALM);
    const window = (limit: number) => new SlidingWindow(clock, FAILURE_WINDOW_MS, { limit, maxKeys: 10_000 });
    this.byAddress = window(ADDRESS_MAX_FAILURES);
    this.byUsername = window(USERNAME_MAX_FAILURES);
  }

  private challenge(stale = false): GateOutcome {
    return { kind: 'challenge', challenge: this.digest.challenges(stale, ['MD5'])[0]! };
  }

  /**
   * Checks the request's credentials. An attempt is counted against its address and username
   * before it is checked (requests in flight at once cannot slip under the limits) and given back
   * when it was good, or was no guess at all (no credentials, a stale nonce, a replay).
   */
  async admit(
    method: string,
    url: string,
    address: string,
    authorization: string | undefined,
  ): Promise<GateOutcome> {
    const params = authorization ? parseDigestParams(authorization) : null;
    if (!params || (params.get('algorithm') ?? 'MD5').toUpperCase() !== 'MD5') return this.challenge();
    // Real usernames are 13 characters: a longer one is counted by its start, so what a stranger
    // makes the office remember stays small.
    const username = (params.get('username') ?? '').slice(0, 32);
    if (!this.byUsername.take(username)) return THROTTLED;
    if (!this.byAddress.take(address)) {
      this.byUsername.giveBack(username);
      return THROTTLED;
    }
    const giveBack = () => {
      this.byAddress.giveBack(address);
      this.byUsername.giveBack(username);
    };
    let deviceId: string | null = null;
    const outcome = await this.digest.verify(method, url, authorization!, async (claimed) => {
      const account = await findProvisioningAccount(this.db, claimed);
      if (!account) return null;
      deviceId = account.deviceId;
      return { ha1: this.secrets.unseal(account.secretSealed) };
    });
    if (outcome.ok && deviceId !== null) {
      return {
        kind: 'device',
        deviceId,
        done: (counts) => {
          if (!counts) giveBack();
        },
      };
    }
    if (!outcome.ok && (outcome.reason === 'stale' || outcome.reason === 'replay')) {
      giveBack();
      return this.challenge(outcome.reason === 'stale');
    }
    return this.challenge();
  }
}
