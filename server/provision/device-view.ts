// A device as the admin API shows it: what the directory keeps, plus where a provisioned desk
// phone fetches its files and the device's live registrations.
import type { Device } from '../../common/api/devices';
import type { ServerConfig } from '../config';
import type { StoredDevice } from '../directory/devices';
import type { RunningSip } from '../sip/running-sip';

export interface DeviceViewServices {
  config: Pick<ServerConfig, 'portalUrl'>;
  runningSip: RunningSip;
}

/** The provisioning server URL a desk phone is given: the office's address, path `/provision/`. */
export function provisioningUrl(config: Pick<ServerConfig, 'portalUrl'>): string {
  return `${config.portalUrl.replace(/\/+$/, '')}/provision/`;
}

export function deviceView(services: DeviceViewServices, device: StoredDevice): Device {
  return {
    ...device,
    provisioning: device.provisioning && { ...device.provisioning, url: provisioningUrl(services.config) },
    registrations: services.runningSip.registrationsOf(device.extension, device.sipUsername),
  };
}
