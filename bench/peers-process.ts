// The phones of a media benchmark, run in a process of their own so that the office's CPU is
// measured alone. The script reads its job as JSON on stdin, prints `measuring` and `measured`
// as its window starts and ends, then one JSON line of figures.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

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
