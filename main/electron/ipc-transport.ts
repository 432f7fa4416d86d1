// The contract over Electron's IPC: the thin adapter from ipcMain to main's router.
import { BrowserWindow, ipcMain } from 'electron';
import type { ChannelHandler, IpcTransport } from '../ipc/transport';

export class ElectronIpcTransport implements IpcTransport {
  handle(channel: string, handler: ChannelHandler): void {
    ipcMain.handle(channel, (event, payload: unknown) => {
      // The frame is null once it navigated away or was destroyed: then nobody may act.
      const frame = event.senderFrame;
      return handler(
        { origin: frame?.origin ?? null, topLevel: frame !== null && frame.parent === null },
        payload,
      );
    });
  }

  broadcast(event: string, payload: unknown): void {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(event, payload);
  }
}
