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
import { runBench } from './harness';
import { latency } from './latency';

const GREETING_BYTES = 120 * 48_000 * 2 + 44;
const RANGE_BYTES = 64 * 1024;
const ROUNDS = 20;
const RANGES = 1_000;
const TARGET = { wholeReadMs: 100, rangeP50Ms: 2, rangeP99Ms: 20 };

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function median(work: () => Promise<unknown>): Promise<number> {
  const samples = [];
  for (let i = 0; i < ROUNDS; i++) samples.push(await timed(work));
  return latency(samples).p50;
}

async function drain(stream: Readable): Promise<number> {
  let bytes = 0;
  for await (const chunk of stream) bytes += (chunk as Buffer).length;
  return bytes;
}

await runBench('bench:voicemail-audio', 300, async (run) => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-voicemail-audio-'));
  run.onCleanUp('the temporary folder', () => rm(dir, { recursive: true, force: true }));
  const files = await VoicemailFiles.openFolder(dir, SecretBox.fromKey(randomBytes(32)), silentLogger);
  const greeting = randomBytes(GREETING_BYTES);
  const name = greetingFileOf('bench-box');
  const plainFile = path.join(dir, 'plain.wav');
  await writeFile(plainFile, greeting);
  const mb = GREETING_BYTES / 1e6;
  run.step(`greeting of ${mb.toFixed(1)} MB: medians of ${ROUNDS} rounds`);

  const speed = (ms: number) => `${ms.toFixed(1)} ms, ${(mb / (ms / 1000)).toFixed(0)} MB/s`;
  run.print(
    `sealed and written (temp, fsync, rename): ${speed(await median(() => files.write(name, greeting)))}`,
  );
  const read = await median(() => files.read(name));
  run.print(`read whole, plain (for scale): ${speed(await median(() => readFile(plainFile)))}`);
  const streamed = await median(async () => {
    const file = (await files.open(name))!;
    await drain(file.stream(null));
  });
  run.print(`streamed whole, sealed: ${speed(streamed)}`);

  run.step(`${RANGES} ranges of 64 KiB at random places, sealed and plain`);
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
  const sealed = latency(ranges);
  const plain = latency(plainRanges);
  run.print(
    `64 KiB ranges, plain (for scale): p50 ${plain.p50.toFixed(2)} ms, p99 ${plain.p99.toFixed(2)} ms`,
  );
  run.target({
    name: 'read whole, sealed',
    measured: read,
    bound: '≤',
    limit: TARGET.wholeReadMs,
    unit: 'ms',
  });
  run.target({
    name: '64 KiB range p50, sealed',
    measured: sealed.p50,
    bound: '≤',
    limit: TARGET.rangeP50Ms,
    unit: 'ms',
  });
  run.target({
    name: '64 KiB range p99, sealed',
    measured: sealed.p99,
    bound: '≤',
    limit: TARGET.rangeP99Ms,
    unit: 'ms',
  });
});
