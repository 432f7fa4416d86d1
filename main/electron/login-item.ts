// "Launch at login" from the settings, through the OS's login items.
import { app } from 'electron';
import type { LoginItem } from '../shell/desktop-shell';

export const electronLoginItem: LoginItem = {
  set(openAtLogin) {
    app.setLoginItemSettings({ openAtLogin });
  },
};
