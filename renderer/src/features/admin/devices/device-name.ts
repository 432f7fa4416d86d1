import { useTranslation } from 'react-i18next';
import type { Device } from '../../../../../common/api/devices';

/**
 * What a device is called: the label an admin gave it; else a softphone by its extension, in the
 * reader's language (the office keeps no words of its own for it); else a desk phone by its model.
 */
export function useDeviceName(): (device: Pick<Device, 'label' | 'kind' | 'model' | 'extension'>) => string {
  const { t } = useTranslation();
  return (device) => {
    if (device.label) return device.label;
    if (device.kind !== 'softphone') return device.model;
    return device.extension
      ? t('admin.devices.softphoneOf', { extension: device.extension })
      : t('admin.devices.softphone');
  };
}
