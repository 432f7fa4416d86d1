// Callers of a benchmark run in a process of their own, so that the office's CPU is measured
// alone: the bench hands them a job as JSON on stdin and reads one JSON line back.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

export class CallerProcess {
  /** The process of the round under way, killed if the bench ends meanwhile. */
  private child: ChildProcess | null = null;

  constructor(
    /** The callers' script, from the repository's root. */
    private readonly script: string,
  ) {}

  run<T>(job: unknown): Promise<T> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, this.script)], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    this.child = child;
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdin!.end(JSON.stringify(job));
    return new Promise((resolve, reject) => {
      child.once('exit', (code) =>
        code === 0
          ? resolve(JSON.parse(output) as T)
          : reject(new Error(`the callers' process exited with ${code}`)),
      );
    });
  }

  kill(): void {
    this.child?.kill('SIGKILL');
  }
}

/** In the callers' process: the job the bench sent. */
export async function readJob<T>(): Promise<T> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString()) as T;
}
