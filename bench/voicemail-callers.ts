// The callers of `npm run bench:voicemail`, in their own process so that the office's CPU is
// measured alone. Reads {sipPort, callee, seconds, callers: [{extension, sipUsername,
// sipPassword}]} as JSON on stdin; each caller dials the callee, waits out the greeting and
// beep, sends a 440 Hz G.711 tone for `seconds` and hangs up. Prints one JSON line: how many
// calls were answered and ended cleanly, and why the others were not.
import { RtpCaller } from '../tests/media/rtp-caller';
import { readJob } from './caller-process';

interface Job {
  sipPort: number;
  callee: string;
  seconds: number;
  callers: { extension: string; sipUsername: string; sipPassword: string }[];
}

/** 'ok', or what went wrong. */
async function call(job: Job, caller: Job['callers'][number]): Promise<string> {
  const phone = await RtpCaller.open(job.sipPort, caller.extension, caller);
  try {
    const answer = await phone.dial(job.callee);
    if (answer.status !== 200) return `INVITE answered ${answer.status} ${answer.reason}`;
    await phone.promptPlayed();
    await phone.send(job.seconds, 440);
    const bye = await phone.hangUp();
    return bye === 200 ? 'ok' : `BYE answered ${bye}`;
  } catch (error) {
    return String(error);
  } finally {
    phone.close();
  }
}

const job = await readJob<Job>();
const results = await Promise.all(job.callers.map((caller) => call(job, caller)));
const failures = results.filter((result) => result !== 'ok');
process.stdout.write(`${JSON.stringify({ completed: results.length - failures.length, failures })}\n`);
