// One person at a browser host with real call audio: the host (`npm run web --server`), its page
// in Chromium doing the calls' audio (fake microphone playing a sox tone) and an IPC client that
// drives the calls. Shared by the calls end-to-end test and `npm run bench:client`.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BrowserHostProcess, launchChromium } from './browser-host';
import { ControlClient } from './control-client';

export interface AudioParty {
  page: Page;
  context: BrowserContext;
  host: BrowserHostProcess;
  control: ControlClient;
}

/** Writes a 5-second 440 Hz tone into `dir` and starts Chromium with it as every microphone. */
export async function launchToneChromium(dir: string): Promise<Browser> {
  const tone = path.join(dir, 'tone.wav');
  await promisify(execFile)('sox', [
    ...['-n', '-r', '48000', '-c', '1', '-b', '16', tone],
    ...['synth', '5', 'sine', '440', 'vol', '0.5'],
  ]);
  return launchChromium([
    `--use-file-for-fake-audio-capture=${tone}`,
    '--autoplay-policy=no-user-gesture-required',
  ]);
}

/** Starts a browser host on `server`, opens its page and signs `login` in; resolves once registered. */
export async function startAudioParty(
  browser: Browser,
  server: string,
  login: { email: string; password: string },
  onPageProblem?: (text: string) => void,
): Promise<AudioParty> {
  const host = await BrowserHostProcess.start([], server);
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') onPageProblem?.(message.text());
  });
  await page.goto(host.url);
  const control = await ControlClient.connect(host.url);
  await control.value('auth:sign-in', { login: login.email, password: login.password, scope: 'user' });
  await control.event('registration:state-changed', (state) => state.state === 'registered');
  return { page, context, host, control };
}

/** Stops what `startAudioParty` started. */
export async function stopAudioParty(party: AudioParty): Promise<void> {
  party.control.close();
  await party.context.close();
  await party.host.stop();
}

/** Whether this side of the call receives packets carrying sound, beyond `after` packets. */
export async function hearsSound(party: AudioParty, callId: string, after = 0): Promise<boolean> {
  const stats = await party.control.value('media:stats', { callId });
  return stats.packetsReceived > after && stats.audioLevel > 0;
}
