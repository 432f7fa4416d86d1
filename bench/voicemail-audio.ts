// npm run bench:voicemail-audio — what sealing recordings at rest costs on the paths that read
// them: the largest greeting (2 minutes of 48 kHz 16-bit WAV, 11 MB) written sealed and read
// whole (the media agent, once per call it greets), streamed whole (GET /me/voicemail/greeting),
// and 64 KiB byte ranges opened at random places (a player seeking in a recording), beside the
// same reads of the plain file for scale.
// Targets on a 2-core machine: whole greeting read ≤ 100 ms (the agent reads it as the call is
// answered); a 64 KiB range p50 ≤ 2 ms and p99 ≤ 20 ms (a seek, well under what a listener notices).
import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { silentLogger } from '../server/logger';
import { SecretBox } from '../server/secrets/secret-box';
import { VoicemailFiles, greetingFileOf } from '../server/voicemail/voicemail-files';

const GREETING_BYTES = 120 * 48_000 * 2 + 44;
const RANGE_BYTES = 64 * 1024;
const ROUNDS = 20;
const RANGES = 1_000;
const TARGET = { wholeReadMs: 100, rangeP50Ms: 2, rangeP99Ms: 20 };

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function median(work: () => Promise<unknown>): Promise<number> {
  const samples = [];
  for (let i = 0; i < ROUNDS; i++) samples.push(await timed(work));
  return percentile(
    samples.sort((a, b) => a - b),
    50,
  );
}

async function drain(stream: Readable): Promise<number> {
  let bytes = 0;
  for await (const chunk of stream) bytes += (chunk as Buffer).length;
  return bytes;
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-voicemail-audio-'));
try {
  const files = await VoicemailFiles.openFolder(dir, SecretBox.fromKey(randomBytes(32)), silentLogger);
  const greeting = randomBytes(GREETING_BYTES);
  const name = greetingFileOf('bench-box');
  const plainFile = path.join(dir, 'plain.wav');
  await writeFile(plainFile, greeting);

  const write = await median(() => files.write(name, greeting));
  const read = await median(() => files.read(name));
  const plainRead = await median(() => readFile(plainFile));
  const streamed = await median(async () => {
    const file = (await files.open(name))!;
    await drain(file.stream(null));
  });

  const ranges: number[] = [];
  const plainRanges: number[] = [];
  for (let i = 0; i < RANGES; i++) {
    const start = Math.floor(Math.random() * (GREETING_BYTES - RANGE_BYTES));
    const end = start + RANGE_BYTES - 1;
    ranges.push(
      await timed(async () => {
        const file = (await files.open(name))!;
        const bytes = await drain(file.stream({ start, end }));
        if (bytes !== RANGE_BYTES) throw new Error(`a range gave ${bytes} bytes`);
      }),
    );
    plainRanges.push(await timed(() => drain(createReadStream(plainFile, { start, end }))));
  }
  ranges.sort((a, b) => a - b);
  plainRanges.sort((a, b) => a - b);

  const mb = GREETING_BYTES / 1e6;
  const line = (what: string, ms: number) =>
    console.log(
      `${what.padEnd(44)} ${ms.toFixed(1).padStart(7)} ms  ${(mb / (ms / 1000)).toFixed(0).padStart(5)} MB/s`,
    );
  console.log(`greeting of ${mb.toFixed(1)} MB, medians of ${ROUNDS} rounds`);
  line('sealed and written (temp, fsync, rename)', write);
  line('read whole, sealed', read);
  line('read whole, plain (for scale)', plainRead);
  line('streamed whole, sealed', streamed);
  const rangeLine = (what: string, sorted: number[]) =>
    console.log(
      `${what.padEnd(44)} p50 ${percentile(sorted, 50).toFixed(2)} ms, p99 ${percentile(sorted, 99).toFixed(2)} ms`,
    );
  rangeLine(`64 KiB ranges (${RANGES}), sealed`, ranges);
  rangeLine(`64 KiB ranges (${RANGES}), plain (for scale)`, plainRanges);
  const missed = [
    ...(read > TARGET.wholeReadMs ? [`whole read ${read.toFixed(1)} ms > ${TARGET.wholeReadMs} ms`] : []),
    ...(percentile(ranges, 50) > TARGET.rangeP50Ms
      ? [`range p50 ${percentile(ranges, 50).toFixed(2)} ms > ${TARGET.rangeP50Ms} ms`]
      : []),
    ...(percentile(ranges, 99) > TARGET.rangeP99Ms
      ? [`range p99 ${percentile(ranges, 99).toFixed(2)} ms > ${TARGET.rangeP99Ms} ms`]
      : []),
  ];
  for (const miss of missed) console.log(`MISSED: ${miss}`);
  process.exitCode = missed.length > 0 ? 1 : 0;
} finally {
  await rm(dir, { recursive: true, force: true });
}
