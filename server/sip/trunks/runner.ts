// What keeps a trunk going, for the trunk directory: a registration (registration trunks) or
// OPTIONS keep-alives (IP trunks). Both report their state and say whether calls may use them.
import type { Logger } from '../../logger';
import type { Clock } from '../../time';
import type { SipStack } from '../stack';
import type { TrunkError } from '../../../common/api/trunks';
import type { Flow } from '../transports/transport';
import type { TrunkReport } from './status-board';
import type { BackoffSettings } from './backoff';
import { LinkError, type CarrierLink } from './carrier-link';
import { optionsRequest, uriHost } from './carrier-requests';

export interface TrunkTimings {
  /** How often a trunk in use is asked OPTIONS: a carrier that stops answering is down. */
  pingIntervalMs: number;
  /** Waits between failed registrations. */
  backoff: BackoffSettings;
  /** How long closing the office waits for the carriers to take the unregistrations. */
  unregisterTimeoutMs: number;
  /** How often carrier host names are resolved again. */
  resolveEveryMs: number;
}

export const DEFAULT_TRUNK_TIMINGS: TrunkTimings = {
  pingIntervalMs: 30_000,
  backoff: { baseMs: 5_000, maxMs: 10 * 60_000 },
  unregisterTimeoutMs: 2_000,
  resolveEveryMs: 5 * 60_000,
};

export interface RunnerDeps {
  stack: SipStack;
  clock: Clock;
  logger: Logger;
  link: CarrierLink;
  timings: TrunkTimings;
  /** The office's address, written in Contact and Call-ID. */
  publicAddress: string;
  report(report: TrunkReport): void;
}

export interface TrunkRunner {
  start(): void;
  /** Stops for good; a registration is ended at the carrier (bounded by unregisterTimeoutMs). */
  stop(): Promise<void>;
  /** A connection closed: the runner's own, it goes on over a new one. */
  connectionClosed(connectionId: string): void;
  /** Calls may go through the trunk now: registered, or the carrier answers. */
  readonly up: boolean;
}

/** One timer at a time, never left running after stop. */
export class Timer {
  private handle: NodeJS.Timeout | null = null;

  set(ms: number, run: () => void): void {
    this.clear();
    this.handle = setTimeout(() => {
      this.handle = null;
      run();
    }, ms);
    this.handle.unref();
  }

  clear(): void {
    if (this.handle) clearTimeout(this.handle);
    this.handle = null;
  }
}

export type Problem = Omit<TrunkError, 'at'>;

/** What went wrong on the way to the carrier; anything but a LinkError is a local failure to send. */
export function problemOf(error: unknown): Problem {
  if (error instanceof LinkError) return { code: error.code, detail: error.message };
  return { code: 'unreachable', detail: String(error).slice(0, 200) };
}

/** `;transport=tcp` in a URI the office writes for a flow over a connection; nothing over UDP. */
export const transportParam = (flow: Flow) =>
  flow.transport === 'UDP' ? '' : `;transport=${flow.transport.toLowerCase()}`;

/** Asks the carrier's host OPTIONS as `from`: null when it answered (anything), else why not. */
export async function pingCarrier(deps: RunnerDeps, from: string): Promise<Problem | null> {
  const { link, stack } = deps;
  try {
    const flow = await link.open();
    const uri = `sip:${uriHost(link.target.host)}:${link.port}${transportParam(flow)}`;
    await link.request(flow, optionsRequest(stack, flow, uri, from, deps.publicAddress));
    return null;
  } catch (error) {
    return problemOf(error);
  }
}
