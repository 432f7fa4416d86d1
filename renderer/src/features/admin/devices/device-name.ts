import { useTranslation } from 'react-i18next';
import { findDeskPhoneModel } from '../../../../../common/api/desk-phone-models';
import type { Device } from '../../../../../common/api/devices';

/** A catalogued model by the name printed on the phone; any other as typed. */
export const modelName = (device: Pick<Device, 'model'>) =>
  findDeskPhoneModel(device.model)?.name ?? device.model;

/**
 * What a device is called: the label an admin gave it; else a softphone by its extension, in the
 * reader's language (the office keeps no words of its own for it); else a desk phone by its model.
 */
export function useDeviceName(): (device: Pick<Device, 'label' | 'kind' | 'model' | 'extension'>) => string {
  const { t } = useTranslation();
  return (device) => {
    if (device.label) return device.label;
    if (device.kind !== 'softphone') return modelName(device);
    return device.extension
      ? t('admin.devices.softphoneOf', { extension: device.extension })
      : t('admin.devices.softphone');
  };
}
