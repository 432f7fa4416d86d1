// The phones of a media benchmark, run in a process of their own so that the office's CPU is
// measured alone. The script reads its job as JSON on stdin, prints `measuring` and `measured`
// as its window starts and ends, then one JSON line of figures. Both sides are here: the
// benchmark's (PeersProcess) and the script's (readJob, measureWindow).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const ROOT = path.resolve(import.meta.dirname, '..');

export class PeersProcess<Job, Result> {
  private child: ChildProcess | null = null;

  /** `script`: relative to the repository, e.g. `bench/bridge-peers.ts`. */
  constructor(private readonly script: string) {}

  /** One round; `window` is called as the peers start and end measuring. */
  run(job: Job, window: (edge: 'start' | 'end') => void): Promise<Result> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, this.script)], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    this.child = child;
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      for (const [line, edge] of [
        ['measuring\n', 'start'],
        ['measured\n', 'end'],
      ] as const)
        if (output.includes(line)) {
          output = output.replace(line, '');
          window(edge);
        }
    });
    child.stdin.end(JSON.stringify(job));
    return new Promise((resolve, reject) => {
      child.once('exit', (code) => {
        this.child = null;
        if (code !== 0) return reject(new Error(`the peers' process exited with ${code}`));
        resolve(JSON.parse(output.trim().split('\n').at(-1)!) as Result);
      });
    });
  }

  /** Ends a round still running (the benchmark is cleaning up). */
  kill(): void {
    this.child?.kill('SIGKILL');
  }
}

/** In the peers' process: the job the benchmark wrote on stdin. */
export async function readJob<Job>(): Promise<Job> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString()) as Job;
}

/** What the peers' process measured of itself over its window. */
export interface PeersWindow {
  /** performance.now() at the window's edges. */
  from: number;
  to: number;
  /** How late its event loop ran, ms (is it the one behind?). */
  eventLoopDelayP99: number;
  /** Its CPU, ms per second (the phones' share of the machine). */
  cpuMsPerSecond: number;
}

/**
 * In the peers' process: waits `warmUpMs`, then measures for `seconds`, telling the benchmark
 * as the window starts (`measuring`) and ends (`measured`).
 */
export async function measureWindow(warmUpMs: number, seconds: number): Promise<PeersWindow> {
  await new Promise((resolve) => setTimeout(resolve, warmUpMs));
  const loop = monitorEventLoopDelay({ resolution: 10 });
  process.stdout.write('measuring\n');
  const from = performance.now();
  const cpuAtStart = process.cpuUsage();
  loop.enable();
  await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  loop.disable();
  const cpu = process.cpuUsage(cpuAtStart);
  const to = performance.now();
  process.stdout.write('measured\n');
  return {
    from,
    to,
    eventLoopDelayP99: loop.percentile(99) / 1e6,
    cpuMsPerSecond: (cpu.user + cpu.system) / 1000 / ((to - from) / 1000),
  };
}
