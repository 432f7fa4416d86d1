import type { IpcResult } from '../../common/ipc/result';

/** Who sent a request, as the carrying transport saw it. */
export interface Sender {
  /** The sending page's origin (`http://127.0.0.1:4321`), or null when it has none. */
  origin: string | null;
  /** False for a request from a sub-frame (an iframe) of the page. */
  topLevel: boolean;
}

export type ChannelHandler = (sender: Sender, payload: unknown) => Promise<IpcResult<unknown>>;

/** What carries the contract: Electron's ipcMain, or the browser host's WebSocket. */
export interface IpcTransport {
  handle(channel: string, handler: ChannelHandler): void;
  broadcast(event: string, payload: unknown): void;
}
