// The callers of `npm run bench:receptionist`, in their own process so that the office's CPU is
// measured alone. Reads {sipPort, receptionist, presses, callers: [{extension, sipUsername,
// sipPassword}]} as JSON on stdin; each caller dials the receptionist (DIAL_SPACING_MS after the
// one before), waits out the greeting and until every caller is in a menu, then `presses` times
// presses * (the key opens a menu, whose greeting then plays) and times how long the agent takes
// to start that menu's greeting. Prints one JSON line: every key's
// time in ms, and why the calls that failed did.
import { RtpCaller } from '../tests/media/rtp-caller';
import { readJob } from './caller-process';

interface Job {
  sipPort: number;
  receptionist: string;
  presses: number;
  callers: { extension: string; sipUsername: string; sipPassword: string }[];
}

/** How long the agent may take to answer a key before the caller gives up on it. */
const KEY_TIMEOUT_MS = 5000;
/**
 * Callers dial this far apart: a burst of hundreds of INVITEs at one instant overflows the
 * loopback socket's receive buffer, and this test caller (unlike a phone) does not ACK the 200
 * again when the office repeats it. They are all in the menus at once all the same.
 */
const DIAL_SPACING_MS = 20;

/** Waits until `at` (performance.now()). */
const until = (at: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, at - performance.now())));

async function call(
  job: Job,
  caller: Job['callers'][number],
  index: number,
  allIn: number,
  times: number[],
): Promise<string> {
  await until(performance.now() + index * DIAL_SPACING_MS);
  const phone = await RtpCaller.open(job.sipPort, caller.extension, caller);
  try {
    const answer = await phone.dial(job.receptionist);
    if (answer.status !== 200) return `INVITE answered ${answer.status} ${answer.reason}`;
    await phone.promptPlayed();
    // Nobody presses a key before every caller is in a menu.
    await until(allIn);
    for (let i = 0; i < job.presses; i++) {
      const next = phone.nextPacket(KEY_TIMEOUT_MS);
      const pressedAt = performance.now();
      phone.pressKeys('*');
      times.push((await next) - pressedAt);
      await phone.promptPlayed();
    }
    const bye = await phone.hangUp();
    return bye === 200 ? 'ok' : `BYE answered ${bye}`;
  } catch (error) {
    return String(error);
  } finally {
    phone.close();
  }
}

const job = await readJob<Job>();
const times: number[] = [];
const allIn = performance.now() + job.callers.length * DIAL_SPACING_MS + 2000;
const results = await Promise.all(job.callers.map((caller, index) => call(job, caller, index, allIn, times)));
const failures = results.filter((result) => result !== 'ok');
process.stdout.write(`${JSON.stringify({ times, failures })}\n`);
