// The frame every benchmark runs in: one list of targets with the figure measured against each,
// a progress line at least every PROGRESS_SECONDS, one deadline for the whole run, and the exit
// code: 0 only when every target is met and nothing failed; 1 on a missed target, a failed run
// or the deadline; 130 when interrupted. What a bench starts, it hands to `onCleanUp`, so that
// every way out (the end, an error, the deadline, Ctrl-C) stops it.
import { performance } from 'node:perf_hooks';

const PROGRESS_SECONDS = 10;
/** Stopping servers and browsers at the end may take this long before the bench exits anyway. */
const CLEAN_UP_SECONDS = 30;

export interface Target {
  name: string;
  measured: number;
  /** `≤` for times and sizes, `≥` for rates and counts. */
  bound: '≤' | '≥';
  limit: number;
  unit: string;
}

interface Verdict extends Target {
  met: boolean;
}

/** A figure as printed: whole from 100, one decimal from 10, two below. */
export function figure(value: number, unit: string): string {
  if (!Number.isFinite(value)) return `${value} ${unit}`;
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toLocaleString('en-US', { maximumFractionDigits: digits })} ${unit}`;
}

/** `promise`, or a rejection saying `what` did not happen within `ms`: no wait in a bench is open-ended. */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

export class BenchRun {
  private readonly verdicts: Verdict[] = [];
  private readonly failures: string[] = [];
  private readonly cleanUps: { what: string; stop: () => unknown }[] = [];
  private readonly started = performance.now();
  private lastLine = performance.now();
  private doing = 'starting';

  constructor(readonly title: string) {}

  /** What the bench does now: printed, and said again every PROGRESS_SECONDS while it lasts. */
  step(what: string): void {
    this.doing = what;
    this.print(what);
  }

  /** A line of figures or detail, after the seconds since the start. */
  print(line: string): void {
    this.lastLine = performance.now();
    const seconds = ((this.lastLine - this.started) / 1000).toFixed(1).padStart(6);
    console.log(`[${seconds} s] ${line}`);
  }

  /** Records a target and prints the figure against it; says whether it was met. */
  target(target: Target): boolean {
    const met =
      Number.isFinite(target.measured) &&
      (target.bound === '≤' ? target.measured <= target.limit : target.measured >= target.limit);
    this.verdicts.push({ ...target, met });
    this.print(`${target.name}: ${describe({ ...target, met })}`);
    return met;
  }

  /** A run that went wrong: the bench fails, whatever its figures. */
  fail(reason: string): void {
    this.failures.push(reason);
    this.print(`FAILED: ${reason}`);
  }

  /** `stop` runs once the bench ends, however it ends; the last registered runs first. */
  onCleanUp(what: string, stop: () => unknown): void {
    this.cleanUps.push({ what, stop });
  }

  /** Seconds since the last line: the heartbeat prints when they reach PROGRESS_SECONDS. */
  get quietSeconds(): number {
    return (performance.now() - this.lastLine) / 1000;
  }

  get currentStep(): string {
    return this.doing;
  }

  /** Runs every clean-up (a failing or hanging one counts as a failure) within CLEAN_UP_SECONDS. */
  async cleanUp(): Promise<void> {
    const all = this.cleanUps.splice(0).reverse();
    const stopAll = (async () => {
      for (const { what, stop } of all) {
        this.doing = `stopping ${what}`;
        try {
          await stop();
        } catch (error) {
          this.fail(`stopping ${what}: ${(error as Error).message}`);
        }
      }
    })();
    const late = await Promise.race([
      stopAll.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), CLEAN_UP_SECONDS * 1000).unref()),
    ]);
    if (late) this.fail(`${this.doing} took longer than ${CLEAN_UP_SECONDS} s`);
  }

  /** The list of targets and failures; the exit code they make. */
  summary(): number {
    console.log(`\n${this.title}: targets`);
    const width = Math.max(0, ...this.verdicts.map((v) => v.name.length));
    for (const verdict of this.verdicts)
      console.log(
        `  ${(verdict.met ? 'ok' : 'MISSED').padEnd(6)}  ${verdict.name.padEnd(width)}  ${describe(verdict)}`,
      );
    for (const failure of this.failures) console.log(`  FAILED  ${failure}`);
    const missed = this.verdicts.filter((v) => !v.met).length;
    const ok = missed === 0 && this.failures.length === 0 && this.verdicts.length > 0;
    if (this.verdicts.length === 0 && this.failures.length === 0)
      console.log('  FAILED  no figure was measured');
    console.log(
      `${this.title}: ${this.verdicts.length - missed} of ${this.verdicts.length} targets met, ` +
        `${this.failures.length} failure${this.failures.length === 1 ? '' : 's'} → exit ${ok ? 0 : 1}`,
    );
    return ok ? 0 : 1;
  }
}

function describe(verdict: Verdict): string {
  return `${figure(verdict.measured, verdict.unit)}, target ${verdict.bound} ${figure(verdict.limit, verdict.unit)}: ${verdict.met ? 'met' : 'MISSED'}`;
}

/**
 * Runs `body` as the benchmark `title` and exits the process with the bench's verdict. Past
 * `deadlineSeconds` it stops whatever is running, says where it was and exits 1.
 */
export async function runBench(
  title: string,
  deadlineSeconds: number,
  body: (run: BenchRun) => Promise<void>,
): Promise<never> {
  const run = new BenchRun(title);
  let ending = false;
  const end = async (code: number | null): Promise<never> => {
    if (ending) return new Promise<never>(() => undefined);
    ending = true;
    clearInterval(heartbeat);
    clearTimeout(deadline);
    await run.cleanUp();
    const verdict = run.summary();
    process.exit(code ?? verdict);
  };
  const heartbeat = setInterval(() => {
    if (run.quietSeconds >= PROGRESS_SECONDS) run.print(`… still ${run.currentStep}`);
  }, 1000);
  const deadline = setTimeout(() => {
    run.fail(`not finished within the deadline of ${deadlineSeconds} s (was ${run.currentStep})`);
    void end(1);
  }, deadlineSeconds * 1000);
  const interrupted = () => {
    run.fail(`interrupted (was ${run.currentStep})`);
    void end(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  run.print(`${title}: deadline ${deadlineSeconds} s`);
  try {
    await body(run);
  } catch (error) {
    // Past the deadline or an interruption, the body fails as what it used is stopped: not news.
    if (ending) return new Promise<never>(() => undefined);
    // The reason in the list; where it came from once, below it.
    run.fail(`${run.currentStep}: ${error instanceof Error ? error.message : String(error)}`);
    if (error instanceof Error && error.stack) console.log(error.stack);
  }
  return end(null);
}
