import { createContext, useContext } from 'react';
import type { SwitchboardApi } from '../../../common/ipc/contract';

export const ApiContext = createContext<SwitchboardApi | null>(null);

/** The app's one way out: the preload bridge (or the browser host's socket), never fetch. */
export function useApi(): SwitchboardApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside <ApiContext.Provider>');
  return api;
}
