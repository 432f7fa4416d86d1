// An IP trunk registers nothing: the office asks the carrier OPTIONS now and then (as Kamailio's
// dispatcher or Asterisk's qualify do). Any answer, even a refusal, shows it is there; none in
// time marks it unreachable, and calls out go to the next trunk until it answers again.
import { uriHost } from './carrier-requests';
import { Timer, pingCarrier, type RunnerDeps, type TrunkRunner } from './runner';

export class TrunkKeepalive implements TrunkRunner {
  private readonly timer = new Timer();
  private reachable = false;
  private stopped = false;

  constructor(private readonly deps: RunnerDeps) {}

  get up(): boolean {
    return this.reachable;
  }

  start(): void {
    this.deps.report({ state: 'checking', retryAt: null });
    void this.ping();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.timer.clear();
  }

  connectionClosed(connectionId: string): void {
    // The next OPTIONS opens a new connection; until it is answered the carrier counts as there.
    this.deps.link.closed(connectionId);
  }

  private async ping(): Promise<void> {
    const { timings } = this.deps;
    const problem = await pingCarrier(this.deps, `sip:office@${uriHost(this.deps.publicAddress)}`);
    if (this.stopped) return;
    this.reachable = problem === null;
    const next = this.deps.clock() + timings.pingIntervalMs;
    if (problem) this.deps.report({ state: 'unreachable', lastError: problem, retryAt: next });
    else this.deps.report({ state: 'reachable', retryAt: null });
    this.timer.set(timings.pingIntervalMs, () => void this.ping());
  }
}
