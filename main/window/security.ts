// The app window's security settings and guards, as plain data and functions so tests assert
// them without Electron (main/index.ts applies them).
import type { WebPreferences } from 'electron';

/** The renderer is served from this origin (a privileged `app:` scheme) inside Electron. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://switchboard`;

/** `packaged`: an installed build, where the developer tools are not there to open. */
export function windowWebPreferences(preload: string, { packaged }: { packaged: boolean }): WebPreferences {
  return {
    preload,
    devTools: !packaged,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
  };
}

export interface PermissionAsk {
  permission: string;
  /** The page asking, e.g. `app://switchboard/index.html`. */
  requestingUrl: string;
  /** Whether the page asking is the window's top frame. */
  isMainFrame: boolean;
  /** For `media`: which devices. */
  mediaTypes?: readonly ('audio' | 'video')[];
}

/** Scheme and host compared by hand: for a non-web scheme like `app:` URL.origin is "null". */
const sameOrigin = (url: string, origin: string) => {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}` === origin;
  } catch {
    return false;
  }
};

/** Only the microphone and notifications, only for the app's own top-level page. */
export function isPermissionAllowed(ask: PermissionAsk, appOrigin: string): boolean {
  if (!ask.isMainFrame || !sameOrigin(ask.requestingUrl, appOrigin)) return false;
  if (ask.permission === 'notifications') return true;
  if (ask.permission !== 'media') return false;
  const types = ask.mediaTypes ?? [];
  return types.length > 0 && types.every((type) => type === 'audio');
}

/** A navigation the window may make: its own pages only. */
export function isNavigationAllowed(url: string, appOrigin: string): boolean {
  return sameOrigin(url, appOrigin);
}

/** Links that leave the app open in the system browser: https only, never file:, javascript: or custom schemes. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}
