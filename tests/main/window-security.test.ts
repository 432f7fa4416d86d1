// What main/index.ts applies to every window, asserted without Electron.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../main/window/csp';
import {
  APP_ORIGIN,
  isExternalLinkAllowed,
  isNavigationAllowed,
  isPermissionAllowed,
  windowWebPreferences,
} from '../../main/window/security';

/** Settings that would let a page out of its sandbox, or reach past it: every one off. */
const OFF = [
  'nodeIntegration',
  'nodeIntegrationInWorker',
  'nodeIntegrationInSubFrames',
  'allowRunningInsecureContent',
  'webviewTag',
  'experimentalFeatures',
  'navigateOnDragDrop',
] as const;
/** Settings that keep a page in: every one on. */
const ON = ['contextIsolation', 'sandbox', 'webSecurity', 'safeDialogs'] as const;

describe('window security', () => {
  it('isolates and sandboxes the renderer, with no Node anywhere and no developer tools once packaged', () => {
    const built = windowWebPreferences('/app/preload/index.js', { packaged: true });
    for (const setting of OFF) expect(built[setting], setting).toBe(false);
    for (const setting of ON) expect(built[setting], setting).toBe(true);
    expect(built.preload).toBe('/app/preload/index.js');
    expect(built.devTools).toBe(false);
    // Nothing else is set: a setting the window gains is judged here, on or off.
    expect(Object.keys(built).sort()).toEqual(['preload', 'devTools', ...OFF, ...ON].sort());
    expect(windowWebPreferences('/app/preload/index.js', { packaged: false }).devTools).toBe(true);
  });

  it('hooks every guard into Electron: each frame’s navigation, windows, devices and screen capture', () => {
    // Electron cannot run here: the hooks are read from the one file that sets them.
    const root = path.resolve(import.meta.dirname, '../..');
    const guards = readFileSync(path.join(root, 'main/electron/window-guards.ts'), 'utf8');
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect'])
      expect(guards, event).toMatch(new RegExp(`on\\('${event}', \\(event(, url)?\\) => stayHome\\(`));
    expect(guards).toContain("on('will-attach-webview', (event) => event.preventDefault())");
    expect(guards).toContain('setDevicePermissionHandler(() => false)');
    expect(guards).toContain('setDisplayMediaRequestHandler((_request, callback) => callback({}))');
    expect(guards).toMatch(/setWindowOpenHandler\([\s\S]*?return \{ action: 'deny' \}/);
    const index = readFileSync(path.join(root, 'main/index.ts'), 'utf8');
    expect(index).toContain('windowWebPreferences(PRELOAD, { packaged: app.isPackaged })');
    expect(index).toContain('guardWindows(APP_ORIGIN)');
  });

  it('starts the CSP from nothing', () => {
    const csp = contentSecurityPolicy();
    expect(csp.split('; ')[0]).toBe("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
  });

  it('allows only the microphone and notifications, only to the app’s own top-level page', () => {
    const page = `${APP_ORIGIN}/index.html`;
    const ask = (permission: string, extra: object = {}) =>
      isPermissionAllowed({ permission, requestingUrl: page, isMainFrame: true, ...extra }, APP_ORIGIN);
    expect(ask('media', { mediaTypes: ['audio'] })).toBe(true);
    expect(ask('notifications')).toBe(true);
    expect(ask('media', { mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(ask('media', { mediaTypes: ['video'] })).toBe(false);
    expect(ask('media', { mediaTypes: [] })).toBe(false);
    for (const permission of [
      'geolocation',
      'display-capture',
      'clipboard-read',
      'openExternal',
      'midi',
      'unknown',
    ])
      expect(ask(permission)).toBe(false);
    expect(ask('notifications', { isMainFrame: false })).toBe(false);
    expect(ask('notifications', { requestingUrl: 'https://evil.example.com/' })).toBe(false);
    expect(ask('notifications', { requestingUrl: 'app://switchboard.evil/' })).toBe(false);
    expect(ask('notifications', { requestingUrl: 'not a url' })).toBe(false);
  });

  it('keeps the window on its own pages and opens only https links outside', () => {
    expect(isNavigationAllowed(`${APP_ORIGIN}/portal`, APP_ORIGIN)).toBe(true);
    expect(isNavigationAllowed('https://example.com/', APP_ORIGIN)).toBe(false);
    expect(isNavigationAllowed('file:///etc/passwd', APP_ORIGIN)).toBe(false);
    expect(isExternalLinkAllowed('https://example.com/help')).toBe(true);
    for (const url of [
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'https://user:pw@example.com/',
    ])
      expect(isExternalLinkAllowed(url), url).toBe(false);
  });
});
