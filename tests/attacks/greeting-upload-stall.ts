// Greeting uploads of the largest size allowed, by a signed-in user, while /health and a SIP
// OPTIONS over UDP are timed without pause: one 5 MB upload that is no audio (refused with 415),
// six at once, and a real 5 MB WAV the office takes and transcodes. Each of them held the whole
// office up once (7.75 s for one). Run it against a fresh office:
//   npx tsx tests/attacks/greeting-upload-stall.ts --url URL --sip-udp-port N --email OWNER --password PASSWORD
// It prints one line per attack and exits 1 when the office was more than 50 ms slower to answer
// during an attack than in as long a quiet spell right after it (the machine's own hiccups, the
// same in both, do not count; a held-up event loop, seconds long before the fix, does).
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { encodeWav } from '../../server/voicemail/audio/wav';
import { startAnswerTimer, type SlowestAnswers } from './answer-timer';
import { attackFromCommandLine, ownerToken, type AttackOutcome, type Owner } from './client';

/** How much slower than in a quiet spell the office may answer while the uploads go on. */
export const MAX_STALL_MS = 50;
const UPLOAD_BYTES = 5 * 1024 * 1024;

function upload(baseUrl: string, token: string, body: Buffer, type: string): Promise<number> {
  return fetch(`${baseUrl}/api/v1/me/voicemail/greeting`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body,
  }).then(
    (reply) => reply.status,
    () => 0,
  );
}

/** A 118 s tone as 16-bit mono WAV at 22,050 Hz: 5.2 MB, within both of the greeting's limits. */
async function largestWav(): Promise<Buffer> {
  const rate = 22_050;
  const samples = new Float32Array(118 * rate);
  for (let i = 0; i < samples.length; i++) samples[i] = 0.3 * Math.sin((2 * Math.PI * 440 * i) / rate);
  return encodeWav(samples, rate);
}

export async function stallWithUploads(
  baseUrl: string,
  sipPort: number,
  owner: Owner,
  maxStallMs = MAX_STALL_MS,
): Promise<AttackOutcome[]> {
  const token = await ownerToken(baseUrl, owner);
  const noise = randomBytes(UPLOAD_BYTES);
  const wav = await largestWav();
  const attacks: { attack: string; expected: number; run: () => Promise<number[]> }[] = [
    {
      attack: 'one 5 MB upload that is no audio',
      expected: 415,
      run: async () => [await upload(baseUrl, token, noise, 'audio/wav')],
    },
    {
      attack: 'six 5 MB uploads at once',
      expected: 415,
      run: () => Promise.all(Array.from({ length: 6 }, () => upload(baseUrl, token, noise, 'audio/mpeg'))),
    },
    {
      attack: 'a 5 MB WAV of 118 s, taken and transcoded',
      expected: 204,
      run: async () => [await upload(baseUrl, token, wav, 'audio/wav')],
    },
  ];
  const outcomes: AttackOutcome[] = [];
  const timer = await startAnswerTimer(baseUrl, sipPort);
  try {
    for (const { attack, expected, run } of attacks) {
      await timer.slowestSince();
      const started = performance.now();
      const statuses = await run();
      const during = await timer.slowestSince();
      await new Promise((resolve) => setTimeout(resolve, performance.now() - started));
      const quiet = await timer.slowestSince();
      const slowest = (answers: SlowestAnswers) => Math.max(answers.healthMs, answers.optionsMs);
      outcomes.push({
        attack,
        succeeded: slowest(during) > slowest(quiet) + maxStallMs || statuses.some((s) => s !== expected),
        detail:
          `answered ${statuses.join(', ')}; the slowest /health took ${during.healthMs.toFixed(1)} ms ` +
          `(of ${during.rounds}) and the slowest OPTIONS ${during.optionsMs.toFixed(1)} ms, against ` +
          `${slowest(quiet).toFixed(1)} ms at most in as long a quiet spell`,
      });
    }
  } finally {
    await timer.stop();
  }
  return outcomes;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await attackFromCommandLine('greeting-upload-stall.ts', ['sip-udp-port', 'email', 'password'], (flags) =>
    stallWithUploads(flags.url, Number(flags['sip-udp-port']), flags),
  );
