// The contract over Electron's IPC: the thin adapter from ipcMain to main's router.
import { BrowserWindow, ipcMain, webContents, type WebContents } from 'electron';
import type { ChannelHandler, IpcTransport } from '../ipc/transport';

export class ElectronIpcTransport implements IpcTransport {
  private readonly disconnectListeners: ((connection: string) => void)[] = [];
  private readonly watched = new Set<number>();

  handle(channel: string, handler: ChannelHandler): void {
    ipcMain.handle(channel, (event, payload: unknown) => {
      this.watch(event.sender);
      // The frame is null once it navigated away or was destroyed: then nobody may act.
      const frame = event.senderFrame;
      return handler(
        {
          origin: frame?.origin ?? null,
          topLevel: frame !== null && frame.parent === null,
          connection: String(event.sender.id),
        },
        payload,
      );
    });
  }

  broadcast(event: string, payload: unknown): void {
    for (const window of BrowserWindow.getAllWindows()) window.webContents.send(event, payload);
  }

  sendTo(connection: string, event: string, payload: unknown): boolean {
    const contents = webContents.fromId(Number(connection));
    if (!contents || contents.isDestroyed()) return false;
    contents.send(event, payload);
    return true;
  }

  onDisconnect(listener: (connection: string) => void): void {
    this.disconnectListeners.push(listener);
  }

  /** A page that reloads, crashes or closes is gone: what it held (its calls' media) goes with it. */
  private watch(contents: WebContents): void {
    if (this.watched.has(contents.id)) return;
    this.watched.add(contents.id);
    const connection = String(contents.id);
    const gone = () => {
      for (const listener of this.disconnectListeners) listener(connection);
    };
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) gone();
    });
    contents.on('render-process-gone', gone);
    contents.once('destroyed', () => {
      this.watched.delete(contents.id);
      gone();
    });
  }
}
