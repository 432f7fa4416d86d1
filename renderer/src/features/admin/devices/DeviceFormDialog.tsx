import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateDeviceRequest, type CreatedDevice } from '../../../../../common/api/devices';
import { TextField } from '../../../ui/Field';
import { textLimits } from '../../../ui/field-limits';
import { FormDialog, refused } from '../../../ui/FormDialog';
import { useAdminApi } from '../admin-api';
import { ExtensionField } from '../ExtensionField';

/** Adds a desk phone, to an extension or to the free pool. */
export function DeviceFormDialog({ onClose }: { onClose: (created: CreatedDevice | null) => void }) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [model, setModel] = useState('');
  const [label, setLabel] = useState('');
  const [mac, setMac] = useState('');
  const [extension, setExtension] = useState('');

  const save = () =>
    admin.createDevice({
      body: {
        kind: 'desk-phone',
        model: model.trim(),
        ...(label.trim() && { label: label.trim() }),
        ...(mac.trim() && { mac: mac.trim() }),
        ...(extension.trim() && { extension: extension.trim() }),
      },
    });

  return (
    <FormDialog
      title={t('admin.devices.addTitle')}
      submitLabel={t('admin.devices.add')}
      save={save}
      onSaved={onClose}
      onCancel={() => onClose(null)}
    >
      {(error) => (
        <>
          <TextField
            id="device-model"
            label={t('admin.devices.model')}
            required
            {...textLimits(CreateDeviceRequest.properties.model)}
            value={model}
            onChange={setModel}
          />
          <TextField
            id="device-label"
            label={t('admin.devices.label')}
            {...textLimits(CreateDeviceRequest.properties.label)}
            value={label}
            onChange={setLabel}
          />
          <TextField
            id="device-mac"
            label={t('admin.devices.mac')}
            {...textLimits(CreateDeviceRequest.properties.mac)}
            value={mac}
            invalid={refused(error, 'mac', 'mac_taken')}
            onChange={setMac}
          />
          <ExtensionField
            id="device-extension"
            label={t('admin.devices.extension')}
            value={extension}
            hint={t('admin.devices.extensionHint')}
            invalid={refused(error, 'extension')}
            onChange={setExtension}
          />
        </>
      )}
    </FormDialog>
  );
}
