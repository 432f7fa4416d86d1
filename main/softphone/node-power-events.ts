// Wake-ups as plain Node can see them, for the browser host (Electron uses powerMonitor):
// a timer that fires far later than asked means the computer slept; a changed set of
// network addresses means the network changed.
import os from 'node:os';
import type { PowerEvents, WakeReason } from './power-events';

const CHECK_MS = 5000;
/** A check this late means the process was frozen (suspend), not merely busy. */
const SLEPT_MS = 3 * CHECK_MS;

const addresses = () =>
  Object.values(os.networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((address) => !address.internal)
    .map((address) => address.address)
    .sort()
    .join(' ');

export function nodePowerEvents(): PowerEvents {
  return {
    onWake(listener: (reason: WakeReason) => void) {
      let last = Date.now();
      let network = addresses();
      const timer = setInterval(() => {
        const now = Date.now();
        const slept = now - last > SLEPT_MS;
        last = now;
        const current = addresses();
        const changed = current !== network;
        network = current;
        if (slept) listener('resume');
        else if (changed) listener('network-change');
      }, CHECK_MS);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}
