// Runs Debian's sipp (package sip-tester) against the office and reads its verdict.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface SippResult {
  successful: number;
  failed: number;
  /** Messages sipp saw or sent again, summed over its scenario screen's Retrans column. */
  retransmissions: number;
  output: string;
}

/** Sums the Retrans column of the last scenario screen (rows like `200 <----  1  1` in a UAC, `<---- 200  1  1` in a UAS). */
function retransmissionsOf(output: string): number {
  const screen = output.slice(output.lastIndexOf('Messages  Retrans'));
  let total = 0;
  for (const match of screen.matchAll(
    /^\s*(?:\S+\s+(?:-+>|<-+)|(?:-+>|<-+)\s+\S+)\s+(?:[BE]-RTD\d+\s+)?(\d+)\s+(\d+)/gm,
  ))
    total += Number(match[2]);
  return total;
}

/**
 * Resolves once something (the sipp UAS) holds the UDP port. It reads the kernel's socket table
 * rather than trying to bind the port itself, which would race sipp for it.
 */
export async function udpPortTaken(port: number, timeoutMs = 10_000): Promise<void> {
  const local = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const table = await readFile('/proc/net/udp', 'utf8');
    if (table.split('\n').some((line) => line.trim().split(/\s+/)[1]?.endsWith(local))) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`nothing bound UDP port ${port}`);
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
          // A fixed local port (a UAS the office calls) comes in `args`; otherwise any free one.
          ...(args.includes('-p') ? [] : ['-p', '0']),
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
    return {
      successful: count('Successful call'),
      failed: count('Failed call'),
      retransmissions: retransmissionsOf(output),
      output,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
