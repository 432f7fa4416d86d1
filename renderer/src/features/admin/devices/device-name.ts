import { findDeskPhoneModel } from '../../../../../common/api/desk-phone-models';
import type { Device } from '../../../../../common/api/devices';

/** A catalogued model by the name printed on the phone; any other as typed. */
export const modelName = (device: Pick<Device, 'model'>) =>
  findDeskPhoneModel(device.model)?.name ?? device.model;

/** How the console calls a device: its label, else its model. */
export const deviceName = (device: Pick<Device, 'model' | 'label'>) => device.label || modelName(device);
