// The tray icon and its menu, drawn from the shell's TrayState (main/shell/tray-state.ts).
import { Menu, Tray, nativeImage } from 'electron';
import type { TrayView } from '../shell/desktop-shell';
import { trayIconBitmap } from '../shell/tray-icon';

/** 16 px at 2× for sharp HiDPI trays; the OS scales it to its tray height. */
const ICON_SIZE = 32;

export function electronTray(): TrayView & { destroy(): void } {
  let tray: Tray | null = null;
  const image = (icon: Parameters<typeof trayIconBitmap>[0]) =>
    nativeImage.createFromBitmap(trayIconBitmap(icon, ICON_SIZE), {
      width: ICON_SIZE,
      height: ICON_SIZE,
      scaleFactor: 2,
    });
  return {
    show(state, onAction) {
      tray ??= new Tray(image(state.icon));
      tray.setImage(image(state.icon));
      tray.setToolTip(state.tooltip);
      tray.setContextMenu(
        Menu.buildFromTemplate(
          state.menu.map((item) => ({
            label: item.label,
            enabled: item.enabled,
            ...(item.checked !== undefined && { type: 'checkbox' as const, checked: item.checked }),
            click: () => onAction(item.action),
          })),
        ),
      );
    },
    destroy() {
      tray?.destroy();
      tray = null;
    },
  };
}
