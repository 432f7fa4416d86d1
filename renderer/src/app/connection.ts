import { createContext, useContext, useEffect, useState } from 'react';
import { useApi } from './api-context';

export type ConnectionState = 'online' | 'offline';

/** Whether the office answers, as main's PortalClient last found it. */
export const ConnectionContext = createContext<ConnectionState>('online');

export const useConnection = () => useContext(ConnectionContext);

/** Follows main's connection events (main emits one whenever a request finds the office gone or back). */
export function useConnectionState(): ConnectionState {
  const api = useApi();
  const [state, setState] = useState<ConnectionState>('online');
  useEffect(() => api.app.onConnectionChanged(({ state: next }) => setState(next)), [api]);
  return state;
}
