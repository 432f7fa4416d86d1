// Runs Debian's sipp (package sip-tester) against the office and reads its verdict.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface SippResult {
  successful: number;
  failed: number;
  output: string;
}

/** Runs a scenario from tests/sipp with an injection file of `rows` (fields separated by `;`). */
export async function runSipp(
  scenario: string,
  target: string,
  rows: string[][],
  args: string[] = [],
): Promise<SippResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-sipp-'));
  try {
    const injection = path.join(dir, 'users.csv');
    await writeFile(injection, ['SEQUENTIAL', ...rows.map((r) => r.join(';'))].join('\n') + '\n');
    const output = await new Promise<string>((resolve) =>
      execFile(
        'sipp',
        [
          target,
          '-sf',
          path.join(import.meta.dirname, scenario),
          '-inf',
          injection,
          '-i',
          '127.0.0.1',
          '-p',
          '0',
          '-nostdin',
          '-timeout',
          '30s',
          '-timeout_error',
          ...args,
        ],
        { cwd: dir, timeout: 60_000 },
        (_error, stdout, stderr) => resolve(`${stdout}\n${stderr}`),
      ),
    );
    const count = (label: string) =>
      Number(new RegExp(`${label}\\s*\\|\\s*\\d+\\s*\\|\\s*(\\d+)`).exec(output)?.[1] ?? NaN);
    return { successful: count('Successful call'), failed: count('Failed call'), output };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
