import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Device } from '../../../../../common/api/devices';
import { useAdminApi } from '../admin-api';
import { FormDialog } from '../FormDialog';

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
  const [extension, setExtension] = useState(device.extension ?? '');

  return (
    <FormDialog
      title={t('admin.devices.assignTitle', { device: device.label || device.model })}
      submitLabel={t('admin.devices.assign')}
      save={() => admin.updateDevice({ id: device.id, body: { extension: extension.trim() } })}
      onSaved={() => onClose(true)}
      onCancel={() => onClose(false)}
    >
      {(error) => (
        <div className="field">
          <label htmlFor="assign-extension">{t('admin.devices.extension')}</label>
          <input
            id="assign-extension"
            type="text"
            inputMode="numeric"
            required
            pattern="[0-9]{2,8}"
            maxLength={8}
            value={extension}
            aria-invalid={error !== null}
            onChange={(event) => setExtension(event.target.value)}
          />
        </div>
      )}
    </FormDialog>
  );
}
