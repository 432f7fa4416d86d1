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

/**
 * Before the app's scripts run, every audio track its connections receive is kept in
 * `window.remoteTracks` (the page's own CSP does not govern an init script), so a test can
 * measure what the person hears.
 */
const KEEP_REMOTE_TRACKS = `(() => {
  window.remoteTracks = [];
  const Original = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Original {
    constructor(...args) {
      super(...args);
      this.addEventListener('track', (event) => window.remoteTracks.push(event.track));
    }
  };
})()`;

/** Starts a browser host on `server` and opens its page, connected but nobody signed in yet. */
export async function openAudioParty(
  browser: Browser,
  server: string,
  onPageProblem?: (text: string) => void,
  options: { keepRemoteAudio?: boolean } = {},
): Promise<AudioParty> {
  const host = await BrowserHostProcess.start([], server);
  const context = await browser.newContext();
  if (options.keepRemoteAudio) await context.addInitScript(KEEP_REMOTE_TRACKS);
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'warning' || message.type() === 'error') onPageProblem?.(message.text());
  });
  await page.goto(host.url);
  const control = await ControlClient.connect(host.url);
  return { page, context, host, control };
}

/** Signs `login` in at the party's host; resolves once its softphone is registered. */
export async function signInParty(
  party: AudioParty,
  login: { email: string; password: string },
): Promise<void> {
  await party.control.value('auth:sign-in', { login: login.email, password: login.password, scope: 'user' });
  await party.control.event('registration:state-changed', (state) => state.state === 'registered');
}

/** Starts a browser host on `server`, opens its page and signs `login` in; resolves once registered. */
export async function startAudioParty(
  browser: Browser,
  server: string,
  login: { email: string; password: string },
  onPageProblem?: (text: string) => void,
  options: { keepRemoteAudio?: boolean } = {},
): Promise<AudioParty> {
  const party = await openAudioParty(browser, server, onPageProblem, options);
  await signInParty(party, login);
  return party;
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

/**
 * What this side hears now (its newest call's audio): a WebAudio analyser's spectrum of the
 * remote track over half a second, in dBFS per bin, 48 kHz / 8192 bins ≈ 6 Hz apart. Needs
 * `keepRemoteAudio`.
 */
async function heardSpectrum(party: AudioParty): Promise<{ bins: number[]; hzPerBin: number }> {
  return party.page.evaluate(async () => {
    const tracks = (window as unknown as { remoteTracks: MediaStreamTrack[] }).remoteTracks;
    const track = tracks.at(-1);
    if (!track) throw new Error('no remote audio yet');
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    analyser.fftSize = 8192;
    analyser.smoothingTimeConstant = 0;
    context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const bins = new Float32Array(analyser.frequencyBinCount);
    analyser.getFloatFrequencyData(bins);
    const hzPerBin = context.sampleRate / analyser.fftSize;
    await context.close();
    // Silence is −Infinity, which does not cross to Node: the floor is far below any tone.
    return { bins: Array.from(bins, (level) => Math.max(level, -200)), hzPerBin };
  });
}

/** The loudest frequency of what this side hears now, refined between bins; 0 when nothing is louder than −80 dBFS. */
export async function heardFrequency(party: AudioParty): Promise<number> {
  const { bins, hzPerBin } = await heardSpectrum(party);
  let peak = 1;
  for (let i = 1; i < bins.length - 1; i++) if (bins[i]! > bins[peak]!) peak = i;
  const [left, middle, right] = [bins[peak - 1]!, bins[peak]!, bins[peak + 1]!];
  const shift = (0.5 * (left - right)) / (left - 2 * middle + right || 1);
  return middle > -80 ? (peak + shift) * hzPerBin : 0;
}

/** How loud each of `frequencies` is in what this side hears now, in dBFS (the loudest bin within 2 of it). */
export async function heardLevels(party: AudioParty, frequencies: number[]): Promise<number[]> {
  const { bins, hzPerBin } = await heardSpectrum(party);
  return frequencies.map((hz) => {
    const bin = Math.round(hz / hzPerBin);
    return Math.max(...bins.slice(bin - 2, bin + 3));
  });
}
