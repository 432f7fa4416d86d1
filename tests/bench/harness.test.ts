// The frame the benchmarks run in, run as a bench is: a script in its own process, judged by its
// exit code and what it prints.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HARNESS = path.join(ROOT, 'bench/harness.ts');

describe('a benchmark run', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'bench-harness-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  /** Runs a bench whose body is `body`, with `deadline` seconds; its exit code and output. */
  async function bench(name: string, deadline: number, body: string) {
    // .mts: the folder has no package.json saying the files are ES modules.
    const file = path.join(dir, `${name}.mts`);
    await writeFile(
      file,
      `import { runBench } from ${JSON.stringify(HARNESS)};\n` +
        `await runBench('bench:${name}', ${deadline}, async (run) => {\n${body}\n});\n`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', file], { cwd: ROOT });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { code, output };
  }

  it('exits 0 when every target is met, listing each figure against its target', async () => {
    const { code, output } = await bench(
      'met',
      30,
      `run.target({ name: 'requests', measured: 2412.4, bound: '≥', limit: 2000, unit: 'req/s' });
       run.target({ name: 'p99', measured: 12.34, bound: '≤', limit: 25, unit: 'ms' });`,
    );
    expect(output).toContain('ok      requests  2,412 req/s, target ≥ 2,000 req/s: met');
    expect(output).toContain('ok      p99       12.3 ms, target ≤ 25 ms: met');
    expect(output).toContain('bench:met: 2 of 2 targets met, 0 failures → exit 0');
    expect(code).toBe(0);
  });

  it('exits 1 on a missed target, a figure that is not a number, or no figure at all', async () => {
    const missed = await bench(
      'missed',
      30,
      `run.target({ name: 'p99', measured: 31, bound: '≤', limit: 25, unit: 'ms' });
       run.target({ name: 'rate', measured: NaN, bound: '≥', limit: 10, unit: '/s' });`,
    );
    expect(missed.output).toContain('MISSED  p99   31 ms, target ≤ 25 ms: MISSED');
    expect(missed.output).toContain('MISSED  rate  NaN /s, target ≥ 10 /s: MISSED');
    expect(missed.code).toBe(1);
    const nothing = await bench('nothing', 30, '');
    expect(nothing.output).toContain('FAILED  no figure was measured');
    expect(nothing.code).toBe(1);
  });

  it('exits 1 on a failed run, with where it was, after cleaning up', async () => {
    const { code, output } = await bench(
      'thrown',
      30,
      `run.onCleanUp('the fixture server', () => console.log('fixture server stopped'));
       run.target({ name: 'p99', measured: 1, bound: '≤', limit: 25, unit: 'ms' });
       run.step('calling the probe');
       throw new Error('the probe call was refused');`,
    );
    expect(output).toContain('FAILED: calling the probe: the probe call was refused');
    expect(output.indexOf('fixture server stopped')).toBeLessThan(output.indexOf('bench:thrown: targets'));
    expect(output).toContain('bench:thrown: 1 of 1 targets met, 1 failure → exit 1');
    expect(code).toBe(1);
  });

  it('says what it is still doing every 10 s and stops at its deadline, cleaning up', async () => {
    const { code, output } = await bench(
      'late',
      12,
      `run.onCleanUp('the fixture browser', () => console.log('fixture browser closed'));
       run.step('waiting for a page that never paints');
       await new Promise(() => setInterval(() => undefined, 1000));`,
    );
    expect(output).toMatch(/\[ +1\d\.\d s\] … still waiting for a page that never paints/);
    expect(output).toContain(
      'FAILED: not finished within the deadline of 12 s (was waiting for a page that never paints)',
    );
    expect(output).toContain('fixture browser closed');
    expect(code).toBe(1);
  }, 30_000);
});
