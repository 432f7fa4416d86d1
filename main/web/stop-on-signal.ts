// How the browser host ends on SIGTERM or SIGINT: its services stop in order (the softphone
// un-registers, the embedded office closes), but never for longer than a deadline. An office
// that has gone away may leave a request or an un-REGISTER waiting for an answer that never
// comes; the process still ends, and a second signal ends it at once.
import type { Logger } from '../logger';

/** The longest an orderly stop may take before the process ends anyway. */
export const STOP_DEADLINE_MS = 3_000;

export interface SignalStop {
  /** What to stop once the services run; until then a signal ends the process at once. */
  stopWith(stop: () => Promise<void>): void;
}

export function stopOnSignals(logger: Logger, deadlineMs = STOP_DEADLINE_MS): SignalStop {
  let stopServices: (() => Promise<void>) | null = null;
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping || stopServices === null) process.exit(signal === 'SIGINT' ? 130 : 143);
    stopping = true;
    const deadline = setTimeout(() => {
      logger.warn({ signal }, `The app did not stop within ${deadlineMs} ms; ending it anyway`);
      process.exit(1);
    }, deadlineMs);
    stopServices()
      .catch((error: unknown) => logger.error({ error: String(error) }, 'Stopping the app failed'))
      .finally(() => {
        clearTimeout(deadline);
        process.exit(0);
      });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    stopWith: (stop) => {
      stopServices = stop;
    },
  };
}
