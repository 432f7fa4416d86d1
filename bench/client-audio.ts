// The figure of `npm run bench:client` that needs real audio: answer → sound flowing on both
// sides. Two browser hosts against the bench office, each with its page in Chromium doing the
// calls' audio (a sox tone as the microphone), driven over their IPC sockets as in
// tests/e2e/calls.test.ts. "Flowing" means both sides' stats show packets carrying sound; the
// stats are polled back to back, so a figure includes up to one IPC round trip per side.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  hearsSound,
  launchToneChromium,
  startAudioParty,
  stopAudioParty,
  type AudioParty,
} from '../tests/e2e/audio-party';

/** A run whose audio does not flow within this is a failure, not a slow figure. */
const FLOW_DEADLINE_MS = 15_000;

async function untilHeard(party: AudioParty, callId: string): Promise<void> {
  const deadline = performance.now() + FLOW_DEADLINE_MS;
  while (!(await hearsSound(party, callId))) {
    if (performance.now() > deadline) throw new Error(`no sound reached one side of call ${callId}`);
  }
}

/** The page announces itself as the media provider once loaded: until then dialling says `no_media`. */
async function firstDial(caller: AudioParty, target: string): Promise<string> {
  const deadline = performance.now() + FLOW_DEADLINE_MS;
  for (;;) {
    const dialled = await caller.control.invoke('calls:dial', { target });
    if (dialled.ok) return (dialled.value as { id: string }).id;
    if (dialled.error.code !== 'no_media' || performance.now() > deadline)
      throw new Error(`dial: ${dialled.error.code} ${dialled.error.message}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Milliseconds from the callee's answer to sound on both sides, one figure per run. */
export async function answerToAudioMs(
  server: string,
  caller: { email: string; password: string },
  callee: { email: string; password: string; extension: string },
  runs: number,
): Promise<number[]> {
  const toneDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-bench-tone-'));
  const browser = await launchToneChromium(toneDir);
  const parties: AudioParty[] = [];
  try {
    const [from, to] = await Promise.all([
      startAudioParty(browser, server, caller),
      startAudioParty(browser, server, callee),
    ]);
    parties.push(from, to);
    const figures: number[] = [];
    for (let run = 0; run < runs; run++) {
      to.control.forgetEvents();
      const outId = await firstDial(from, callee.extension);
      const incoming = (await to.control.event('calls:incoming')) as { id: string };
      const started = performance.now();
      await to.control.value('calls:answer', { callId: incoming.id });
      await Promise.all([untilHeard(from, outId), untilHeard(to, incoming.id)]);
      figures.push(performance.now() - started);
      await from.control.value('calls:hang-up', { callId: outId });
      await to.control.event(
        'calls:state-changed',
        (call: { id: string; state: string }) => call.id === incoming.id && call.state === 'ended',
      );
    }
    return figures;
  } finally {
    await Promise.all(parties.map(stopAudioParty));
    await browser.close();
    await rm(toneDir, { recursive: true, force: true });
  }
}
