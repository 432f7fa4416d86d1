// The computer's microphones and speakers, listed again whenever one is plugged in or out.
import { useEffect, useState } from 'react';

export interface AudioDevice {
  id: string;
  /** Empty until the person has let the app use the microphone (the browser hides names). */
  label: string;
}

export type MediaDevicesView =
  | { status: 'loading' }
  | { status: 'unsupported' }
  | { status: 'ready'; inputs: AudioDevice[]; outputs: AudioDevice[] };

// "default" and "communications" are the browser's aliases for the system's choice, which
// the pickers already offer as "System default".
const isAlias = (device: MediaDeviceInfo) =>
  device.deviceId === 'default' || device.deviceId === 'communications';

export function useMediaDevices(): MediaDevicesView {
  const devices = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
  const [view, setView] = useState<MediaDevicesView>(
    devices ? { status: 'loading' } : { status: 'unsupported' },
  );

  useEffect(() => {
    if (!devices) return;
    let live = true;
    const list = async () => {
      try {
        const found = (await devices.enumerateDevices()).filter(
          (device) => device.deviceId && !isAlias(device),
        );
        const of = (kind: MediaDeviceKind) =>
          found
            .filter((device) => device.kind === kind)
            .map((device) => ({ id: device.deviceId, label: device.label }));
        if (live) setView({ status: 'ready', inputs: of('audioinput'), outputs: of('audiooutput') });
      } catch {
        if (live) setView({ status: 'unsupported' });
      }
    };
    void list();
    devices.addEventListener('devicechange', list);
    return () => {
      live = false;
      devices.removeEventListener('devicechange', list);
    };
  }, [devices]);

  return view;
}
