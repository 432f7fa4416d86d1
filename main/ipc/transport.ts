import type { IpcResult } from '../../common/ipc/result';

/** Who sent a request, as the carrying transport saw it. */
export interface Sender {
  /** The sending page's origin (`http://127.0.0.1:4321`), or null when it has none. */
  origin: string | null;
  /** False for a request from a sub-frame (an iframe) of the page. */
  topLevel: boolean;
  /** Which page sent it (one browser host socket, one Electron webContents), to answer it alone. */
  connection: string;
}

export type ChannelHandler = (sender: Sender, payload: unknown) => Promise<IpcResult<unknown>>;

/** What carries the contract: Electron's ipcMain, or the browser host's WebSocket. */
export interface IpcTransport {
  handle(channel: string, handler: ChannelHandler): void;
  broadcast(event: string, payload: unknown): void;
  /** An event for one page only; false when that page is gone. */
  sendTo(connection: string, event: string, payload: unknown): boolean;
  /** Called when a page goes away: its socket closed, it reloaded or its renderer crashed. */
  onDisconnect(listener: (connection: string) => void): void;
}
