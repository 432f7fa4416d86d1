// End-to-end tests drive the real app: `npm run web` (the app's services and an embedded office
// in plain Node, the built renderer) opened in Debian's headless Chromium through Playwright.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

export const SCREENSHOT_DIR = path.resolve('test-results/screens');

function hostEnvironment(keyring: boolean): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  if (!keyring)
    for (const name of ['DBUS_SESSION_BUS_ADDRESS', 'DISPLAY', 'WAYLAND_DISPLAY']) delete env[name];
  return env;
}

export class BrowserHostProcess {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
    private readonly dataDir: string,
    private readonly errors: () => string,
  ) {}

  /** What the app logged (stderr) so far. */
  get log(): string {
    return this.errors();
  }

  /**
   * Starts `npm run web` on free ports with a fresh data folder and waits for its one line:
   * with its embedded office, or with `server` the office at that address. `keyring: false`
   * starts it as on a computer with no keyring: without the D-Bus session (and no display to
   * start one on), libsecret finds no Secret Service.
   */
  static async start(
    flags: string[] = [],
    server?: string,
    { keyring = true }: { keyring?: boolean } = {},
  ): Promise<BrowserHostProcess> {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-e2e-'));
    const child = spawn(
      path.resolve('node_modules/.bin/tsx'),
      [
        'main/web/cli.ts',
        ...['--data-dir', dataDir, '--port', '0'],
        // Free SIP ports for the embedded office; an office given with --server has its own.
        ...(server
          ? ['--server', server]
          : flags.includes('--server')
            ? []
            : ['--sip-ws-port', '0', '--sip-udp-port', '0', '--sip-tcp-port', '0']),
        ...flags,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], env: hostEnvironment(keyring) },
    );
    let errors = '';
    child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /^Switchboard is running at (\S+)$/m.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`npm run web exited with ${code}: ${errors}`)));
    });
    return new BrowserHostProcess(url, child, dataDir, () => errors);
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      ...extraArgs,
    ],
  });
}

/** On the sign-in screen (in English): signs in with the elevated login and opens the admin console. */
export async function signInToAdminConsole(page: Page, login: string, password: string): Promise<void> {
  await page.getByLabel('Extension, email or phone number').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByLabel('Sign in as administrator').check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page
    .getByRole('navigation', { name: 'Sections' })
    .getByRole('button', { name: 'Admin', exact: true })
    .click();
}

/** Saves what the page shows, for a person to look at after the run. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical findings on what the page shows now, as `rule: target` lines.
 * axe's source goes in through the DevTools protocol (Runtime.evaluate), which the page's
 * Content-Security-Policy does not govern: the page keeps the policy people get, where a script
 * tag would have needed it lifted.
 */
export async function seriousAccessibilityProblems(page: Page): Promise<string[]> {
  // Once per document: axe is half a megabyte to parse.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: () => Promise<{ violations: any[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n: { target: string[] }) => `${v.id}: ${n.target.join(' ')}`));
}
