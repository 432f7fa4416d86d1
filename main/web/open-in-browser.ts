// `npm start` opens the app's address in the default browser, where there is a display to show
// it on; elsewhere the printed address is all there is.
import { spawn } from 'node:child_process';
import type { Logger } from '../logger';

export function openInBrowser(url: string, logger: Logger): void {
  if (process.platform !== 'linux') return;
  if (!process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  // Detached and not waited for: the browser outlives this process, and a signal to this one is not its.
  const opener = spawn('xdg-open', [url], { stdio: 'ignore', detached: true });
  opener.on('error', (error) => logger.warn({ error: error.message }, 'Could not open the browser'));
  opener.unref();
}
