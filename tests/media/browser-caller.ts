// A real WebRTC caller for voicemail tests: headless Chromium whose fake microphone plays a
// WAV file, its RTCPeerConnection's offer and answer carried by a sip.js phone in Node.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { SessionDescriptionHandler } from 'sip.js';

// The page's scripts are plain JavaScript strings: this file is type-checked without the DOM.
const SET_UP = `(async () => {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
  });
  window.pc = new RTCPeerConnection();
  for (const track of stream.getTracks()) window.pc.addTrack(track, stream);
})()`;

// As the app's softphone does (renderer/src/media/ice-gathering.ts), the offer waits for ICE
// gathering to finish but at most 2 s: Chromium's gathering once never finished here while the
// other call tests ran, and the test hung on its offer.
const OFFER = `(async () => {
  const pc = window.pc;
  await pc.setLocalDescription(await pc.createOffer());
  if (pc.iceGatheringState !== 'complete')
    await new Promise((resolve) => {
      pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve());
      setTimeout(resolve, 2000);
    });
  return pc.localDescription.sdp;
})()`;

const PACKETS_RECEIVED = `(async () => {
  let packets = 0;
  (await window.pc.getStats()).forEach((report) => {
    if (report.type === 'inbound-rtp' && report.kind === 'audio') packets += report.packetsReceived ?? 0;
  });
  return packets;
})()`;

export class BrowserCaller {
  private constructor(
    private readonly browser: Browser,
    private readonly server: http.Server,
    readonly page: Page,
  ) {}

  /** Chromium with `microphoneWav` as its microphone, on a page (a secure context) ready to call. */
  static async launch(microphoneWav: string): Promise<BrowserCaller> {
    // http://127.0.0.1 is a secure context, where getUserMedia is allowed.
    const server = http.createServer((_request, response) => {
      response.setHeader('content-type', 'text/html');
      response.end('<!doctype html><title>caller</title>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--use-fake-ui-for-media-stream',
        '--use-fake-device-for-media-stream',
        `--use-file-for-fake-audio-capture=${microphoneWav}`,
      ],
    });
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.evaluate(SET_UP);
    return new BrowserCaller(browser, server, page);
  }

  /** The sip.js description handler that asks this page for its offer and gives it the answer. */
  handler(): SessionDescriptionHandler {
    return {
      close: () => undefined,
      hasDescription: (contentType) => contentType === 'application/sdp',
      sendDtmf: () => false,
      getDescription: async () => ({
        contentType: 'application/sdp',
        body: await this.page.evaluate<string>(OFFER),
      }),
      setDescription: async (sdp) => {
        await this.page.evaluate(
          `window.pc.setRemoteDescription({ type: 'answer', sdp: ${JSON.stringify(sdp)} })`,
        );
      },
    };
  }

  /** Audio packets the page received from the agent so far. */
  packetsReceived(): Promise<number> {
    return this.page.evaluate<number>(PACKETS_RECEIVED);
  }

  /**
   * Once the agent has played its greeting and beep and gone quiet: the time its last packet
   * arrived (performance.now() in this process).
   */
  async promptPlayed(quietMs = 300, timeoutMs = 20_000): Promise<number> {
    let last = 0;
    let changedAt = performance.now();
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      if (performance.now() > deadline)
        throw new Error(
          `the page received ${last ? 'audio that did not stop' : 'no audio'} in ${timeoutMs} ms`,
        );
      const now = await this.packetsReceived();
      if (now !== last) {
        last = now;
        changedAt = performance.now();
      } else if (last > 0 && performance.now() - changedAt >= quietMs) return changedAt;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** A fresh RTCPeerConnection for the next call: one connection carries one call. */
  async nextCall(): Promise<void> {
    await this.page.evaluate(`window.pc.close(); ${SET_UP}`);
  }

  async close(): Promise<void> {
    await this.browser.close();
    this.server.close();
  }
}
