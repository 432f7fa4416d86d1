/** Why the computer may have lost its registration without the socket saying so. */
export type WakeReason = 'resume' | 'unlock' | 'network-change';

/**
 * The moments a softphone must register afresh. Electron's powerMonitor and network-change
 * events feed it in main/index.ts; tests and the browser host feed it themselves.
 */
export interface PowerEvents {
  onWake(listener: (reason: WakeReason) => void): () => void;
}
