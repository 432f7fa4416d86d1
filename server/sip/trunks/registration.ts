// A registration trunk: the office registers to the carrier as a user agent (RFC 3261 §10.2),
// answers its digest challenges, refreshes before the registration runs out, and checks with
// OPTIONS that the carrier still answers. A carrier that stops answering, restarts (its new
// nonces refuse the old answer), or closes the connection is registered to again at once, then
// with a growing wait between failures.
import { newTag, randomHex } from '../fields';
import { DigestClient, pickChallenge } from '../digest-client';
import type { TrunkConfig } from '../../directory/trunks';
import { Backoff } from './backoff';
import { carrierRequest, grantedSeconds, statusLine, uriHost } from './carrier-requests';
import {
  Timer,
  pingCarrier,
  problemOf,
  transportParam,
  type Problem,
  type RunnerDeps,
  type TrunkRunner,
} from './runner';
import type { Flow } from '../transports/transport';

type Outcome = { ok: true; granted: number } | { ok: false; problem: Problem };

/** Rounds of one REGISTER: a challenge, a stale nonce, a longer interval asked for, then the answer. */
const MAX_ROUNDS = 4;

/** Refresh at half a short registration, a minute before the end of a long one. */
export const refreshAfterSeconds = (granted: number) => (granted < 120 ? granted / 2 : granted - 60);

export class TrunkRegistration implements TrunkRunner {
  private readonly callId: string;
  private readonly fromTag = newTag();
  private cseq = 0;
  private readonly digest: DigestClient;
  /** Which header the carrier's challenge asked the answer in (a registrar's 401, a proxy's 407). */
  private authorizationHeader: 'Authorization' | 'Proxy-Authorization' = 'Authorization';
  private readonly backoff: Backoff;
  private readonly timer = new Timer();
  private readonly pingTimer = new Timer();
  private expires: number;
  private registered = false;
  private pinging = false;
  private attempting = false;
  private stopped = false;

  constructor(
    private readonly deps: RunnerDeps,
    private readonly trunk: TrunkConfig & { registration: NonNullable<TrunkConfig['registration']> },
  ) {
    const { registration } = trunk;
    this.callId = `${randomHex(12)}@${uriHost(deps.publicAddress)}`;
    this.digest = new DigestClient(registration.authUsername ?? registration.username, trunk.password ?? '');
    this.backoff = new Backoff(deps.timings.backoff);
    this.expires = registration.expires;
  }

  get up(): boolean {
    return this.registered;
  }

  private get domain(): string {
    return this.trunk.registration.domain ?? this.trunk.host;
  }

  private get aor(): string {
    return `sip:${this.trunk.registration.username}@${uriHost(this.domain)}`;
  }

  start(): void {
    this.deps.report({ state: 'registering', retryAt: null });
    void this.attempt();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timer.clear();
    this.pingTimer.clear();
    if (!this.registered) return;
    this.registered = false;
    const unregistered = this.exchange(0).catch(() => undefined);
    const deadline = new Promise<void>((resolve) =>
      setTimeout(resolve, this.deps.timings.unregisterTimeoutMs).unref(),
    );
    await Promise.race([unregistered, deadline]);
  }

  connectionClosed(connectionId: string): void {
    if (this.stopped || !this.deps.link.closed(connectionId)) return;
    this.deps.logger.info({ trunk: this.trunk.name }, 'trunk connection closed: registering again');
    this.registered = false;
    this.pingTimer.clear();
    this.pinging = false;
    this.deps.report({ state: 'registering', retryAt: null });
    void this.attempt();
  }

  private async attempt(): Promise<void> {
    if (this.stopped || this.attempting) return;
    this.attempting = true;
    this.timer.clear();
    try {
      const outcome = await this.exchange(this.expires);
      if (this.stopped) return;
      if (outcome.ok) this.registeredFor(outcome.granted);
      else this.failed(outcome.problem);
    } finally {
      this.attempting = false;
    }
  }

  private registeredFor(granted: number): void {
    const now = this.deps.clock();
    this.registered = true;
    this.backoff.reset();
    this.deps.report({ state: 'registered', retryAt: null, registeredUntil: now + granted * 1000 });
    this.timer.set(refreshAfterSeconds(granted) * 1000, () => void this.attempt());
    if (!this.pinging) this.schedulePing();
  }

  private failed(problem: Problem): void {
    this.registered = false;
    this.pingTimer.clear();
    this.pinging = false;
    const wait = this.backoff.next();
    this.deps.logger.warn(
      { trunk: this.trunk.name, ...problem, retryInMs: wait },
      'trunk registration failed',
    );
    this.deps.report({
      state: 'failed',
      lastError: problem,
      retryAt: this.deps.clock() + wait,
      registeredUntil: null,
    });
    this.timer.set(wait, () => {
      this.deps.report({ state: 'registering', retryAt: null });
      void this.attempt();
    });
  }

  /**
   * While registered, an OPTIONS now and then: a carrier that restarted forgot the registration,
   * and one that answers nothing is down for calls out. Either way, register again.
   */
  private schedulePing(): void {
    this.pinging = true;
    this.pingTimer.set(this.deps.timings.pingIntervalMs, () => {
      void pingCarrier(this.deps, this.aor).then((problem) => {
        if (this.stopped || !this.registered) return;
        if (problem) this.failed(problem);
        else this.schedulePing();
      });
    });
  }

  /** One REGISTER asking `expires` seconds (0 ends the registration), challenges answered. */
  private async exchange(expires: number): Promise<Outcome> {
    const { link } = this.deps;
    let answeredChallenge = false;
    let askedLonger = false;
    let lastAnswer = '';
    try {
      const flow = await link.open();
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const response = await link.request(flow, this.registerRequest(flow, expires));
        const status = response.status;
        lastAnswer = statusLine(response);
        if (status >= 200 && status < 300) {
          const granted = grantedSeconds(response, this.trunk.contactUser, expires);
          if (expires > 0 && granted <= 0) return failure('refused', `${statusLine(response)}; expires=0`);
          return { ok: true, granted };
        }
        if (status === 401 || status === 407) {
          const challenge = pickChallenge(
            response.headers.getAll(status === 401 ? 'WWW-Authenticate' : 'Proxy-Authenticate'),
          );
          if (!challenge) return failure('unsupported-challenge', statusLine(response));
          // A new challenge after the answer to one: the credentials are wrong, unless the
          // carrier says only the nonce was stale. A first challenge (a refresh's reused nonce
          // refused after the carrier restarted) is simply answered.
          if (answeredChallenge && !challenge.stale)
            return failure('wrong-credentials', statusLine(response));
          answeredChallenge = true;
          this.digest.challenged(challenge);
          this.authorizationHeader = status === 401 ? 'Authorization' : 'Proxy-Authorization';
          continue;
        }
        const minimum = Number(response.headers.get('Min-Expires'));
        if (
          status === 423 &&
          !askedLonger &&
          Number.isInteger(minimum) &&
          minimum > expires &&
          minimum <= 86_400
        ) {
          askedLonger = true;
          this.expires = expires = minimum;
          continue;
        }
        return failure('refused', statusLine(response));
      }
      return failure('refused', lastAnswer);
    } catch (error) {
      return { ok: false, problem: problemOf(error) };
    }
  }

  private registerRequest(flow: Flow, expires: number) {
    const uri = `sip:${uriHost(this.domain)}`;
    const local = this.deps.stack.localAddress(flow);
    const contact = `<sip:${this.trunk.contactUser}@${uriHost(this.deps.publicAddress)}:${local.port}${transportParam(flow)}>`;
    const authorization = this.digest.authorization('REGISTER', uri);
    return carrierRequest(this.deps.stack, flow, {
      method: 'REGISTER',
      uri,
      from: `<${this.aor}>;tag=${this.fromTag}`,
      to: `<${this.aor}>`,
      callId: this.callId,
      cseq: ++this.cseq,
      headers: [
        ['Contact', contact],
        ['Expires', String(expires)],
        ...(authorization ? [[this.authorizationHeader, authorization] as [string, string]] : []),
      ],
    });
  }
}

const failure = (code: Problem['code'], detail: string): Outcome => ({
  ok: false,
  problem: { code, detail },
});
