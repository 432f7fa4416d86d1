// Builds the renderer's API from the contract: one named function per channel, one `on…`
// per event. The preload builds it over Electron IPC; the browser host's page builds the same
// thing over its WebSocket, so the renderer cannot tell which it has.
import { channelName, eventName } from './channel';
import { CONTRACT, type SwitchboardApi, type Unsubscribe } from './contract';
import type { IpcResult } from './result';

export interface BridgeTransport {
  invoke(channel: string, request: unknown): Promise<IpcResult<unknown>>;
  subscribe(event: string, listener: (payload: unknown) => void): Unsubscribe;
}

export const listenerName = (event: string) => `on${event.charAt(0).toUpperCase()}${event.slice(1)}`;

export function buildBridge(transport: BridgeTransport): SwitchboardApi {
  const api: Record<string, Readonly<Record<string, unknown>>> = {};
  for (const [domain, spec] of Object.entries(CONTRACT)) {
    const functions: Record<string, unknown> = {};
    for (const action of Object.keys(spec.requests)) {
      const name = channelName(domain, action);
      functions[action] = (request: unknown) => transport.invoke(name, request);
    }
    for (const event of Object.keys(spec.events)) {
      const name = eventName(domain, event);
      functions[listenerName(event)] = (listener: (payload: unknown) => void) =>
        transport.subscribe(name, listener);
    }
    api[domain] = Object.freeze(functions);
  }
  return Object.freeze(api) as unknown as SwitchboardApi;
}
