// The Electron app: wiring only. Every service is built in main/app-services.ts and served in
// main/ipc/serve-contract.ts, both of which run in plain Node too; this file gives them
// Electron's window, IPC, keyring fallback and power events.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, net, protocol } from 'electron';
import pino from 'pino';
import { AppServices } from './app-services';
import { safeStorageBackend } from './electron/safe-storage-backend';
import { openElectronSettingsFile } from './electron/settings-file';
import { ElectronIpcTransport } from './electron/ipc-transport';
import { electronPowerEvents } from './electron/power-events';
import { IpcRouter } from './ipc/router';
import { serveContract, type ServedContract } from './ipc/serve-contract';
import { keytarBackend } from './services/credential-vault';
import { linkInArgv } from './links/dial-link';
import { DesktopShell } from './shell/desktop-shell';
import { electronLoginItem } from './electron/login-item';
import { electronNotifier } from './electron/notifications';
import { electronTray } from './electron/tray';
import { guardWindows } from './electron/window-guards';
import { voicemailAudioResponse } from './voicemail/audio-protocol';
import { resolveInside } from './web/static-files';
import { contentSecurityPolicy } from './window/csp';
import { APP_ORIGIN, APP_SCHEME, windowWebPreferences } from './window/security';

const RENDERER_DIR = path.join(import.meta.dirname, '..', 'renderer');
const PRELOAD = path.join(import.meta.dirname, '..', 'preload', 'index.cjs');

/** Links to dial, and the app's own (switchboard:, from the office's pages: main/links/app-link.ts). */
const LINK_SCHEMES = ['tel', 'sip', 'callto', 'switchboard'] as const;

let window: BrowserWindow | null = null;
let served: ServedContract | null = null;
/** A link that came before the services were up (macOS sends it before 'ready'). */
let earlyLink: string | null = null;

/** A link the OS handed over: the services act on it (a call to confirm, a screen); the window comes to the front. */
function openLink(link: string): void {
  if (served) served.openLink(link);
  else earlyLink = link;
  showWindow();
}

function showWindow(): void {
  if (!window) return app.isReady() ? openWindow() : undefined;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/** Makes the app the handler of its link schemes (in development, through the Electron binary). */
function claimLinkSchemes(): void {
  for (const scheme of LINK_SCHEMES) {
    const claimed = process.defaultApp
      ? app.setAsDefaultProtocolClient(scheme, process.execPath, [path.resolve(process.argv[1] ?? '.')])
      : app.setAsDefaultProtocolClient(scheme);
    if (!claimed) process.stderr.write(`Switchboard could not become the handler of ${scheme}: links\n`);
  }
}

function openWindow(): void {
  window = new BrowserWindow({
    width: 1024,
    height: 720,
    minWidth: 360,
    show: false,
    webPreferences: windowWebPreferences(PRELOAD, { packaged: app.isPackaged }),
  });
  window.once('ready-to-show', () => window?.show());
  window.on('closed', () => (window = null));
  void window.loadURL(`${APP_ORIGIN}/index.html`);
}

/** The built renderer, from its folder only, and voicemail recordings; every answer under the app's CSP. */
function serveRenderer(services: AppServices): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const { pathname } = new URL(request.url);
    const audio = await voicemailAudioResponse(services.voicemail, pathname);
    if (audio) return audio;
    const file = resolveInside(RENDERER_DIR, pathname);
    if (file === null) return new Response('Bad path', { status: 400 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', contentSecurityPolicy());
    return new Response(response.body, { status: response.status, headers });
  });
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const services = await AppServices.start({
    dataDir,
    serverUrl: null,
    officeFlags: {},
    secretBackends: [keytarBackend, safeStorageBackend(dataDir)],
    settingsFile: openElectronSettingsFile,
    logger,
  });
  guardWindows(APP_ORIGIN);
  serveRenderer(services);
  const router = new IpcRouter(new ElectronIpcTransport(), { allowedOrigins: [APP_ORIGIN], logger });
  const contract = serveContract(router, services, {
    host: 'electron',
    version: app.getVersion(),
    power: electronPowerEvents(),
    logger,
  });
  served = contract;
  openWindow();
  const tray = electronTray();
  const desktop = new DesktopShell({
    router,
    settings: services.settings.get(),
    systemLocale: app.getLocale(),
    tray,
    notifier: electronNotifier(),
    loginItem: electronLoginItem,
    showWindow,
    windowFocused: () => window?.isFocused() ?? false,
    quit: () => app.quit(),
    logger,
  });
  claimLinkSchemes();
  // Windows and Linux pass the link that launched the app on its command line; macOS by 'open-url'.
  const launchLink = earlyLink ?? linkInArgv(process.argv);
  earlyLink = null;
  if (launchLink) contract.openLink(launchLink);

  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    // Un-REGISTER and close the embedded office before the process ends.
    event.preventDefault();
    desktop.stop();
    tray.destroy();
    void contract
      .stop()
      .then(() => services.stop())
      .finally(() => {
        stopped = true;
        app.quit();
      });
  });
  // A closed window does not end the softphone: it stays in the tray to take calls (Quit is there).
  app.on('window-all-closed', () => undefined);
  app.on('activate', () => {
    if (!window) openWindow();
  });
}

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Another launch (a second start, or a link on Windows and Linux) comes to this instance.
  app.on('second-instance', (_event, argv) => {
    const link = linkInArgv(argv);
    if (link) openLink(link);
    else showWindow();
  });
  // macOS hands links over by event, also the one that launched the app (before 'ready').
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openLink(url);
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      process.stderr.write(
        `Switchboard failed to start: ${error instanceof Error ? error.stack : String(error)}\n`,
      );
      app.exit(1);
    });
}
