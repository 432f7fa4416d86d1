// Wake-ups from Electron's powerMonitor; network changes as plain Node sees them.
import { powerMonitor } from 'electron';
import { nodePowerEvents } from '../softphone/node-power-events';
import type { PowerEvents, WakeReason } from '../softphone/power-events';

export function electronPowerEvents(): PowerEvents {
  return {
    onWake(listener: (reason: WakeReason) => void) {
      const resume = () => listener('resume');
      const unlock = () => listener('unlock');
      powerMonitor.on('resume', resume);
      powerMonitor.on('unlock-screen', unlock);
      const stopNetwork = nodePowerEvents().onWake((reason) => {
        if (reason === 'network-change') listener(reason);
      });
      return () => {
        powerMonitor.off('resume', resume);
        powerMonitor.off('unlock-screen', unlock);
        stopNetwork();
      };
    },
  };
}
