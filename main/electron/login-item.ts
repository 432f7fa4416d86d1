// "Launch at login" from the settings: the OS's login items on macOS and Windows, an XDG
// autostart entry on Linux (where Electron's login items do nothing).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { app } from 'electron';
import type { LoginItem } from '../shell/desktop-shell';
import { autostartEntry, autostartFile } from '../shell/autostart';

export const electronLoginItem: LoginItem = {
  set(openAtLogin) {
    if (process.platform !== 'linux') return app.setLoginItemSettings({ openAtLogin });
    const file = autostartFile();
    if (!openAtLogin) return rmSync(file, { force: true });
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, autostartEntry(process.env.APPIMAGE ?? process.execPath));
  },
};
