// `npm run bench:renderer`: what the renderer costs a person. The initial JavaScript (gzip) of
// the built renderer; with a real browser host (--server), an office with SIP on loopback and
// Chromium: the time from pressing "Sign in" to the softphone being ready for calls, and the
// call log and the voicemail box with 10,000 calls and 10,000 messages seeded into the office
// (first paint, then scrolling through all of them as the screen pages them in, watching for
// long tasks). The app keeps no voicemail recordings offline here (retention 0): the lists are
// measured, not the copying of 10,000 recordings at sign-in.
// Needs `npm run build:renderer` first and the OS keyring (run it as scripts/test.sh runs tests).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import type { SettingsPatch } from '../common/ipc/domains/settings';
import { ownBox } from '../server/directory/voicemail';
import type { CallLogTable, VoicemailMessageTable } from '../server/db/schema';
import type { TestOffice } from '../tests/support/office';
import { chunks } from './seed';
import { startSipOffice } from '../tests/support/sip-office';
import { BrowserHostProcess, launchChromium } from '../tests/e2e/browser-host';

const BUILD = path.resolve('dist/renderer');
const INITIAL_JS_LIMIT_KB = 250;
const SIGN_IN_LIMIT_MS = 1000;
const SIGN_INS = 5;
const CALLS = 10_000;
const MESSAGES = 10_000;
const FIRST_PAINT_LIMIT_MS = 100;
const LONG_TASK_LIMIT_MS = 50;

/**
 * The entry script of index.html and the chunks it preloads (its static imports), gzipped.
 * The signed-out and user views both start from this one entry; the admin console is a lazy chunk.
 */
async function initialJavaScriptKb(): Promise<{ files: string[]; kb: number }> {
  const html = await readFile(path.join(BUILD, 'index.html'), 'utf8');
  const files = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((match) => match[1]!);
  let bytes = 0;
  for (const file of files) bytes += gzipSync(await readFile(path.join(BUILD, file))).length;
  return { files, kb: bytes / 1024 };
}

interface ListFigures {
  firstPaintMs: number;
  rowsScrolled: number;
  longestTaskWhileScrollingMs: number;
}

interface Figures {
  signIns: number[];
  callLog: ListFigures;
  voicemail: ListFigures;
}

async function seedCallLog(office: TestOffice, userId: string): Promise<void> {
  const now = Date.now();
  const rows: CallLogTable[] = Array.from({ length: CALLS }, (_, i) => {
    const started = new Date(now - (i + 1) * 60_000).toISOString();
    return {
      id: randomUUID(),
      call_id: randomUUID(),
      user_id: userId,
      direction: i % 2 ? 'incoming' : 'outgoing',
      other_number: String(3000 + (i % 900)),
      other_name: `Colleague ${i % 900}`,
      started_at: started,
      answered_at: i % 3 ? started : null,
      ended_at: started,
      duration_seconds: i % 3 ? 30 + (i % 200) : 0,
      result: i % 3 ? 'answered' : 'missed',
    };
  });
  for (const batch of chunks(rows)) await office.office.db.insertInto('call_log').values(batch).execute();
}

/**
 * 10,000 messages in the user's box, one in five unread, sharing three tiny recordings: the
 * list needs none of them to render.
 */
async function seedVoicemail(office: TestOffice, userId: string): Promise<void> {
  const box = await ownBox(office.office.db, userId);
  const files = ['bench-1.wav', 'bench-2.wav', 'bench-3.wav'];
  for (const file of files) await office.office.voicemailFiles.write(file, Buffer.alloc(64));
  const now = Date.now();
  const rows: VoicemailMessageTable[] = Array.from({ length: MESSAGES }, (_, i) => ({
    id: randomUUID(),
    box_id: box.id,
    caller_number: String(3000 + (i % 900)),
    caller_name: i % 4 ? `Colleague ${i % 900}` : null,
    received_at: new Date(now - (i + 1) * 90_000).toISOString(),
    duration_seconds: 5 + (i % 120),
    read: i % 5 ? 1 : 0,
    audio_file: files[i % files.length]!,
    audio_type: 'audio/wav',
  }));
  for (const batch of chunks(rows))
    await office.office.db.insertInto('voicemail_messages').values(batch).execute();
}

/** Changes the app's settings through the page's own channel to the browser host. */
async function updateSettings(page: Page, patch: SettingsPatch): Promise<void> {
  await page.evaluate(async (payload) => {
    const token = sessionStorage.getItem('switchboard.launch-token') ?? '';
    const socket = new WebSocket(`ws://${location.host}/ipc?token=${encodeURIComponent(token)}`);
    await new Promise((resolve) => (socket.onopen = resolve));
    // Events may come first: the answer is the frame with the request's id.
    const answer = new Promise<{ ok: boolean }>((resolve) => {
      socket.onmessage = (event) => {
        const frame = JSON.parse(String(event.data)) as { id?: string; result?: { ok: boolean } };
        if (frame.id === 'bench-settings' && frame.result) resolve(frame.result);
      };
    });
    socket.send(JSON.stringify({ id: 'bench-settings', channel: 'settings:update', payload }));
    const result = await answer;
    socket.close();
    if (!result.ok) throw new Error(`settings:update refused: ${JSON.stringify(result)}`);
  }, patch);
}

/**
 * Milliseconds from clicking `button`, in the page, to the first frame showing an element that
 * matches `shown`. Measured in the page: Playwright's own waiting polls at up to 500 ms apart,
 * which would add up to half a second to a figure timed from outside.
 */
function clickToPaint(button: Locator, shown: string): Promise<number> {
  return button.evaluate(
    (target, selector) =>
      new Promise<number>((resolve) => {
        const started = performance.now();
        const painted = () =>
          document.querySelector(selector)
            ? requestAnimationFrame(() => resolve(performance.now() - started))
            : requestAnimationFrame(painted);
        (target as HTMLElement).click();
        painted();
      }),
    shown,
  );
}

/** Milliseconds from clicking "Sign in" to the first frame whose header says the phone is registered, each run. */
async function signIns(page: Page, login: string, password: string): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < SIGN_INS; run++) {
    if (run > 0) await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Extension or email').fill(login);
    await page.getByLabel('Password', { exact: true }).fill(password);
    const signIn = page.getByRole('button', { name: 'Sign in' });
    times.push(await clickToPaint(signIn, '.registration[data-state="registered"]'));
  }
  return times;
}

/**
 * Opens a list's screen from the navigation and scrolls to its end, a screenful at a frame,
 * until `total` rows are listed (or the list stops growing at its end). First paint: from the
 * click to the first frame showing the first row.
 */
async function measureList(page: Page, nav: string, total: number): Promise<ListFigures> {
  const firstPaintMs = await clickToPaint(
    page.getByRole('navigation').getByRole('button', { name: nav }),
    '.shell-screen:not([hidden]) .virtual-list li[aria-posinset="1"]',
  );
  const scrolled = await page.evaluate(
    async ({ total, maxSteps, patience }) => {
      const tasks: number[] = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push(entry.duration);
      });
      observer.observe({ type: 'longtask' });
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      const list = document.querySelector<HTMLElement>('.shell-screen:not([hidden]) .virtual-list')!;
      const loaded = () => Number(list.querySelector('li')?.getAttribute('aria-setsize') ?? 0);
      let framesAtEnd = 0;
      for (let step = 0; step < maxSteps; step++) {
        const atEnd = list.scrollTop + list.clientHeight >= list.scrollHeight - 1;
        framesAtEnd = atEnd ? framesAtEnd + 1 : 0;
        if (atEnd && (loaded() >= total || framesAtEnd > patience)) break;
        list.scrollTop += list.clientHeight;
        await frame();
      }
      observer.disconnect();
      return { rowsScrolled: loaded(), longestTaskWhileScrollingMs: Math.max(0, ...tasks) };
    },
    // At its end, a list that grows no more within `patience` frames has nothing more to page in.
    { total, maxSteps: 20_000, patience: 300 },
  );
  return { firstPaintMs, ...scrolled };
}

async function inChromium(): Promise<Figures> {
  const sip = await startSipOffice();
  const browser = await launchChromium();
  const host = await BrowserHostProcess.start([], sip.office.baseUrl);
  try {
    const user = await sip.office.createSignedInUser(await sip.office.adminToken(), 'Bench Renderer');
    await seedCallLog(sip.office, user.id);
    await seedVoicemail(sip.office, user.id);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // tsx keeps function names with an `__name` helper that the page's copies of them call.
    await context.addInitScript('globalThis.__name = (target) => target');
    const page = await context.newPage();
    await page.goto(host.url);
    await page.getByLabel('Extension or email').waitFor();
    await updateSettings(page, { voicemailRetention: { maxMessages: 0, maxMegabytes: 0 } });
    const times = await signIns(page, user.extension, user.password);
    const callLog = await measureList(page, 'Call log', CALLS);
    const voicemail = await measureList(page, 'Voicemail', MESSAGES);
    return { signIns: times, callLog, voicemail };
  } finally {
    await browser.close();
    await host.stop();
    await sip.close();
  }
}

const verdict = (ok: boolean) => (ok ? 'within target' : 'OVER TARGET');

const initial = await initialJavaScriptKb();
console.log(
  `initial JavaScript (signed-out and user views, ${initial.files.join(' + ')}): ` +
    `${initial.kb.toFixed(1)} KB gzip, target ≤ ${INITIAL_JS_LIMIT_KB} KB: ${verdict(initial.kb <= INITIAL_JS_LIMIT_KB)}`,
);
const figures = await inChromium();
const times = [...figures.signIns].sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
console.log(
  `sign-in to softphone registered, ${SIGN_INS} runs (${figures.signIns.map((ms) => ms.toFixed(0)).join(', ')} ms, ` +
    `the first one cold): median ${median.toFixed(0)} ms, target ≤ ${SIGN_IN_LIMIT_MS} ms: ${verdict(median <= SIGN_IN_LIMIT_MS)}`,
);
function printList(name: string, total: number, list: ListFigures): void {
  console.log(
    `${name}, ${total} in the office: first paint ${list.firstPaintMs.toFixed(0)} ms, ` +
      `target ≤ ${FIRST_PAINT_LIMIT_MS} ms: ${verdict(list.firstPaintMs <= FIRST_PAINT_LIMIT_MS)}`,
  );
  console.log(
    `${name} scrolled through ${list.rowsScrolled} of ${total} rows: longest task ` +
      `${list.longestTaskWhileScrollingMs.toFixed(0)} ms, target ≤ ${LONG_TASK_LIMIT_MS} ms: ` +
      verdict(list.longestTaskWhileScrollingMs <= LONG_TASK_LIMIT_MS && list.rowsScrolled >= total),
  );
}

printList('call log', CALLS, figures.callLog);
printList('voicemail', MESSAGES, figures.voicemail);
