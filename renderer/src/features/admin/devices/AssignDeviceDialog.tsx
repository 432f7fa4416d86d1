import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Device } from '../../../../../common/api/devices';
import { FormDialog } from '../../../ui/FormDialog';
import { useAdminApi } from '../admin-api';
import { ExtensionField } from '../ExtensionField';
import { useDeviceName } from './device-name';

/** Moves a device to an extension (from the pool or from another extension). */
export function AssignDeviceDialog({
  device,
  onClose,
}: {
  device: Device;
  onClose: (done: boolean) => void;
}) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const name = useDeviceName();
  const [extension, setExtension] = useState(device.extension ?? '');

  return (
    <FormDialog
      title={t('admin.devices.assignTitle', { device: name(device) })}
      submitLabel={t('admin.devices.assign')}
      save={() => admin.updateDevice({ id: device.id, body: { extension: extension.trim() } })}
      onSaved={() => onClose(true)}
      onCancel={() => onClose(false)}
    >
      {(error) => (
        <ExtensionField
          id="assign-extension"
          label={t('admin.devices.extension')}
          required
          value={extension}
          invalid={error !== null}
          onChange={setExtension}
        />
      )}
    </FormDialog>
  );
}
