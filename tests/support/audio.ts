// Real audio files for tests, made at test time by sox and espeak-ng, and read back by sox so
// what the office wrote is checked by another program than the one that wrote it.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A file sox synthesises: `format` its output options (`-r 8000 -c 2 -b 8`…), `synth` what
 * to play (`1 sine 1000`: one second of a 1 kHz tone).
 */
export async function synthesise(
  dir: string,
  name: string,
  format: string[],
  synth: string[],
): Promise<Buffer> {
  const file = path.join(dir, name);
  await run('sox', ['-n', ...format, file, 'synth', ...synth]);
  return readFile(file);
}

/** Speech from espeak-ng, as the WAV it writes (mono 16-bit, 22,050 Hz). */
export async function speechWav(dir: string, text: string): Promise<Buffer> {
  const file = path.join(dir, `speech-${Date.now()}.wav`);
  await run('espeak-ng', ['-w', file, text]);
  return readFile(file);
}

export interface AudioInfo {
  sampleRate: number;
  channels: number;
  bits: number;
  seconds: number;
}

/** What soxi says of a WAV file. */
export async function audioInfo(dir: string, wav: Buffer): Promise<AudioInfo> {
  const file = path.join(dir, `probe-${Date.now()}.wav`);
  await writeFile(file, wav);
  const ask = async (flag: string) => Number((await run('soxi', [flag, file])).stdout.trim());
  return {
    sampleRate: await ask('-r'),
    channels: await ask('-c'),
    bits: await ask('-b'),
    seconds: await ask('-D'),
  };
}

/** The frequency of a pure tone, from sox's decoding of the file: rising zero crossings per second. */
export async function toneFrequency(dir: string, wav: Buffer): Promise<number> {
  const file = path.join(dir, `tone-${Date.now()}.wav`);
  await writeFile(file, wav);
  const { samples, rate } = await wavSamples(file);
  let rising = 0;
  for (let i = 1; i < samples.length; i++) if (samples[i - 1]! < 0 && samples[i]! >= 0) rising++;
  return rising / (samples.length / rate);
}

/**
 * An MP3 of silent MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz, mono), written byte by byte:
 * the machine has no MP3 encoder, and silent frames are still frames every decoder must read.
 */
export function silentMp3(frames: number): Buffer {
  const frame = Buffer.alloc(417);
  frame.set([0xff, 0xfb, 0x90, 0xc0]);
  return Buffer.concat(Array.from({ length: frames }, () => frame));
}

export const MP3_FRAME_SECONDS = 1152 / 44_100;

/** A WAV file's samples as sox decodes them (mono 16-bit), with its rate. */
export async function wavSamples(file: string): Promise<{ samples: Int16Array; rate: number }> {
  const { stdout } = await run('sox', [file, '-t', 'raw', '-e', 'signed', '-b', '16', '-c', '1', '-'], {
    encoding: 'buffer',
    maxBuffer: 64 * 1024 * 1024,
  });
  const rate = Number((await run('soxi', ['-r', file])).stdout.trim());
  return { samples: new Int16Array(stdout.buffer, stdout.byteOffset, stdout.length >> 1), rate };
}
