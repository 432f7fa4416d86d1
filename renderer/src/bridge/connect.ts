import { buildBridge } from '../../../common/ipc/bridge';
import type { SwitchboardApi } from '../../../common/ipc/contract';
import { socketTransport } from './socket-transport';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the browser host serves the page. */
    switchboard?: SwitchboardApi;
  }
}

/**
 * The app's API: the preload's in Electron, else the browser host's WebSocket, opened with the
 * launch token from the page's fragment. The fragment is then cleared so the token is not left
 * in the address bar or history; the tab's session storage keeps it for a reload. `onReconnect`
 * runs when a dropped connection to main is back (never in Electron: its IPC does not drop).
 */
const TOKEN_KEY = 'switchboard.launch-token';

export function connectBridge(onReconnect: () => void = () => undefined): SwitchboardApi {
  if (window.switchboard) return window.switchboard;
  const fromFragment = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromFragment) {
    // Kept for this tab only, so a reload still connects.
    window.sessionStorage.setItem(TOKEN_KEY, fromFragment);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  const token = fromFragment ?? window.sessionStorage.getItem(TOKEN_KEY) ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const url = `${scheme}://${window.location.host}/ipc?token=${encodeURIComponent(token)}`;
  let opened = false;
  const reopened = () => (opened ? onReconnect() : (opened = true));
  return buildBridge(socketTransport(() => new WebSocket(url), reopened));
}
