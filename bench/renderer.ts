// `npm run bench:renderer`: what the renderer costs a person. The initial JavaScript (gzip) of
// the built renderer; with a real browser host (--server), an office with SIP on loopback and
// Chromium: the time from pressing "Sign in" to the softphone being ready for calls, and the
// call log and the voicemail box with 10,000 calls and 10,000 messages seeded into the office
// (first paint, then scrolling through all of them as the screen pages them in, watching for
// long tasks). The app keeps no voicemail recordings offline here (retention 0): the lists are
// measured, not the copying of 10,000 recordings at sign-in.
// Needs `npm run build:renderer` first. It signs in as a person does, keeping the sign-in in the
// OS keyring: `npm run bench:renderer` gives it a private, throwaway one (without one the app
// refuses that sign-in, and the bench says so).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import type { SettingsPatch } from '../common/ipc/domains/settings';
import { ownBox } from '../server/directory/voicemail';
import type { CallLogTable, VoicemailMessageTable } from '../server/db/schema';
import type { TestOffice } from '../tests/support/office';
import { en } from '../common/i18n/en';
import { chunks } from './seed';
import { startSipOffice } from '../tests/support/sip-office';
import { BrowserHostProcess, launchChromium } from '../tests/e2e/browser-host';
import { runBench, type BenchRun } from './harness';
import { latency } from './latency';

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
  const html = await readFile(path.join(BUILD, 'index.html'), 'utf8').catch(() => {
    throw new Error(`no built renderer in ${BUILD}: run npm run build:renderer first`);
  });
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
      transferred_by_number: null,
      transferred_by_name: null,
      fault: null,
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

/** An in-page wait that sees nothing it waits for within this fails the run, saying what it saw. */
const PAGE_WAIT_MS = 30_000;
/** Scrolling a list to its end in the page, at most. */
const SCROLL_LIMIT_MS = 90_000;

/**
 * Milliseconds from clicking `button`, in the page, to the first frame showing a visible element
 * that matches `shown`. Measured in the page: Playwright's own waiting polls at up to 500 ms
 * apart, which would add up to half a second to a figure timed from outside. An alert that
 * appears meanwhile (a refused sign-in) fails at once with its text, and so does nothing shown
 * within PAGE_WAIT_MS: either would otherwise wait in the page for ever.
 */
function clickToPaint(button: Locator, shown: string): Promise<number> {
  return button.evaluate(
    (target, { selector, limitMs }) =>
      new Promise<number>((resolve, reject) => {
        const alerts = () =>
          Array.from(document.querySelectorAll('[role="alert"]'), (a) => a.textContent ?? '');
        const before = new Set(alerts());
        const started = performance.now();
        const painted = () => {
          if (document.querySelector(selector)?.checkVisibility()) {
            requestAnimationFrame(() => resolve(performance.now() - started));
            return;
          }
          const alert = alerts().find((text) => text && !before.has(text));
          if (alert) reject(new Error(`the page says: ${alert}`));
          else if (performance.now() - started > limitMs)
            reject(new Error(`nothing matching ${selector} within ${limitMs} ms`));
          else requestAnimationFrame(painted);
        };
        (target as HTMLElement).click();
        painted();
      }),
    { selector: shown, limitMs: PAGE_WAIT_MS },
  );
}

/** Milliseconds from clicking "Sign in" to the first frame whose header says the phone is registered, each run. */
async function signIns(run: BenchRun, page: Page, login: string, password: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < SIGN_INS; i++) {
    if (i > 0) await page.getByRole('button', { name: en.shell.signOut }).click();
    await page.getByLabel(en.signIn.login).fill(login);
    await page.getByLabel(en.signIn.password, { exact: true }).fill(password);
    const signIn = page.getByRole('button', { name: en.signIn.submit });
    times.push(await clickToPaint(signIn, '[role="status"][data-state="registered"]'));
    run.print(`sign-in ${i + 1} of ${SIGN_INS}: ${times.at(-1)!.toFixed(0)} ms`);
  }
  return times;
}

/**
 * Opens a list's screen from the navigation and scrolls to its end, a screenful at a frame,
 * until `total` rows are listed (or the list stops growing at its end, or SCROLL_LIMIT_MS pass).
 * First paint: from the click to the first frame showing the first row.
 */
async function measureList(page: Page, nav: string, label: string, total: number): Promise<ListFigures> {
  const list = `[role="region"][aria-label="${label}"]`;
  const firstPaintMs = await clickToPaint(
    page.getByRole('navigation').getByRole('button', { name: nav }),
    `${list} li[aria-posinset="1"]`,
  );
  const scrolled = await page.evaluate(
    async ({ list: selector, total, patience, limitMs }) => {
      const tasks: number[] = [];
      const observer = new PerformanceObserver((entries) => {
        for (const entry of entries.getEntries()) tasks.push(entry.duration);
      });
      observer.observe({ type: 'longtask' });
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      const list = Array.from(document.querySelectorAll<HTMLElement>(selector)).find((l) =>
        l.checkVisibility(),
      )!;
      const loaded = () => Number(list.querySelector('li')?.getAttribute('aria-setsize') ?? 0);
      const started = performance.now();
      let framesAtEnd = 0;
      while (performance.now() - started < limitMs) {
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
    { list, total, patience: 300, limitMs: SCROLL_LIMIT_MS },
  );
  return { firstPaintMs, ...scrolled };
}

async function listTargets(run: BenchRun, name: string, total: number, list: ListFigures): Promise<void> {
  run.target({
    name: `${name}: first paint`,
    measured: list.firstPaintMs,
    bound: '≤',
    limit: FIRST_PAINT_LIMIT_MS,
    unit: 'ms',
  });
  run.target({
    name: `${name}: rows scrolled through`,
    measured: list.rowsScrolled,
    bound: '≥',
    limit: total,
    unit: 'rows',
  });
  run.target({
    name: `${name}: longest task while scrolling`,
    measured: list.longestTaskWhileScrollingMs,
    bound: '≤',
    limit: LONG_TASK_LIMIT_MS,
    unit: 'ms',
  });
}

await runBench('bench:renderer', 300, async (run) => {
  run.step('measuring the built renderer’s initial JavaScript');
  const initial = await initialJavaScriptKb();
  run.print(`initial JavaScript (signed-out and user views): ${initial.files.join(' + ')}`);
  run.target({
    name: 'initial JavaScript, gzip',
    measured: initial.kb,
    bound: '≤',
    limit: INITIAL_JS_LIMIT_KB,
    unit: 'KB',
  });

  run.step('starting an office with SIP, Chromium and a browser host');
  const sip = await startSipOffice();
  run.onCleanUp('the office', () => sip.close());
  const browser = await launchChromium();
  run.onCleanUp('Chromium', () => browser.close());
  const host = await BrowserHostProcess.start([], sip.office.baseUrl);
  run.onCleanUp('the browser host', () => host.stop());

  run.step(`seeding ${CALLS} calls and ${MESSAGES} voice messages`);
  const user = await sip.office.createSignedInUser(await sip.office.adminToken(), 'Bench Renderer');
  await seedCallLog(sip.office, user.id);
  await seedVoicemail(sip.office, user.id);

  run.step('opening the app in Chromium');
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // tsx keeps function names with an `__name` helper that the page's copies of them call.
  await context.addInitScript('globalThis.__name = (target) => target');
  const page = await context.newPage();
  await page.goto(host.url);
  await page.getByLabel(en.signIn.login).waitFor();
  await updateSettings(page, { voicemailRetention: { maxMessages: 0, maxMegabytes: 0 } });

  run.step(`signing in ${SIGN_INS} times (the first one cold)`);
  const times = await signIns(run, page, user.extension, user.password);
  run.target({
    name: `sign-in to softphone registered, median of ${SIGN_INS}`,
    measured: latency(times).p50,
    bound: '≤',
    limit: SIGN_IN_LIMIT_MS,
    unit: 'ms',
  });

  run.step(`opening the call log and scrolling through ${CALLS} calls`);
  await listTargets(
    run,
    'call log',
    CALLS,
    await measureList(page, en.shell.nav.callLog, en.callLog.listLabel, CALLS),
  );
  run.step(`opening voicemail and scrolling through ${MESSAGES} messages`);
  const voicemail = await measureList(page, en.shell.nav.voicemail, en.voicemail.listLabel, MESSAGES);
  await listTargets(run, 'voicemail', MESSAGES, voicemail);
});
