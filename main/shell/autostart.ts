// Launch at login on Linux, where Electron's login items do nothing: an XDG autostart entry
// (~/.config/autostart/*.desktop) that desktop sessions start at login.
import os from 'node:os';
import path from 'node:path';

/** Where the session looks for autostart entries (XDG_CONFIG_HOME, else ~/.config). */
export function autostartFile(env: NodeJS.ProcessEnv = process.env, home = os.homedir()): string {
  const config =
    env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME)
      ? env.XDG_CONFIG_HOME
      : path.join(home, '.config');
  return path.join(config, 'autostart', 'switchboard.desktop');
}

/**
 * The entry that starts `executable` (the AppImage itself when run from one: its mounted path
 * changes every run). The path is quoted as the Desktop Entry spec asks, so spaces and quotes in
 * it cannot split or extend the command.
 */
export function autostartEntry(executable: string): string {
  if (/[\r\n]/.test(executable)) throw new Error('The executable path has a line break');
  const quoted = `"${executable.replace(/["`$\\]/g, (character) => `\\${character}`)}"`;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Switchboard',
    `Exec=${quoted.replace(/%/g, '%%')}`,
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}
