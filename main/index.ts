// The Electron app: wiring only. Every service is built in main/app-services.ts and runs in
// plain Node too; this file gives them Electron's window, IPC, keyring fallback and power events.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, net, protocol, session, shell } from 'electron';
import pino from 'pino';
import { AppServices } from './app-services';
import { safeStorageBackend } from './electron/safe-storage-backend';
import { ElectronIpcTransport } from './electron/ipc-transport';
import { electronPowerEvents } from './electron/power-events';
import { IpcRouter } from './ipc/router';
import { keytarBackend } from './services/credential-vault';
import { voicemailAudioResponse } from './voicemail/audio-protocol';
import { resolveInside } from './web/static-files';
import { contentSecurityPolicy } from './window/csp';
import {
  APP_ORIGIN,
  APP_SCHEME,
  isExternalLinkAllowed,
  isNavigationAllowed,
  isPermissionAllowed,
  windowWebPreferences,
} from './window/security';

const RENDERER_DIR = path.join(import.meta.dirname, '..', 'renderer');
const PRELOAD = path.join(import.meta.dirname, '..', 'preload', 'index.js');

let window: BrowserWindow | null = null;

function openWindow(): void {
  window = new BrowserWindow({
    width: 1024,
    height: 720,
    minWidth: 360,
    show: false,
    webPreferences: windowWebPreferences(PRELOAD),
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

function guardWindows(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(
      isPermissionAllowed(
        { permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame, mediaTypes },
        APP_ORIGIN,
      ),
    );
  });
  ses.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(
      {
        permission,
        requestingUrl: requestingOrigin,
        isMainFrame: details.isMainFrame,
        mediaTypes: details.mediaType ? [details.mediaType as 'audio' | 'video'] : [],
      },
      APP_ORIGIN,
    ),
  );
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isNavigationAllowed(url, APP_ORIGIN)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isNavigationAllowed(url, APP_ORIGIN)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isExternalLinkAllowed(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

async function start(): Promise<void> {
  const dataDir = app.getPath('userData');
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const services = await AppServices.start({
    dataDir,
    host: 'electron',
    version: app.getVersion(),
    serverUrl: null,
    officeFlags: {},
    secretBackends: [keytarBackend, safeStorageBackend(dataDir)],
    power: electronPowerEvents(),
    logger,
  });
  guardWindows();
  serveRenderer(services);
  services.serve(new IpcRouter(new ElectronIpcTransport(), { allowedOrigins: [APP_ORIGIN], logger }));
  openWindow();

  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    // Un-REGISTER and close the embedded office before the process ends.
    event.preventDefault();
    void services.stop().finally(() => {
      stopped = true;
      app.quit();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
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
  app.on('second-instance', () => {
    if (!window) return openWindow();
    if (window.isMinimized()) window.restore();
    window.focus();
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
