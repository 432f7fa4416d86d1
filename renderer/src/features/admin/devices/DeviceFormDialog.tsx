import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedDevice } from '../../../../../common/api/devices';
import { TextField } from '../../../ui/Field';
import { useAdminApi } from '../admin-api';
import { ExtensionField } from '../ExtensionField';
import { FormDialog, refused } from '../FormDialog';

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
            maxLength={80}
            value={model}
            onChange={setModel}
          />
          <TextField
            id="device-label"
            label={t('admin.devices.label')}
            maxLength={200}
            value={label}
            onChange={setLabel}
          />
          <TextField
            id="device-mac"
            label={t('admin.devices.mac')}
            maxLength={17}
            pattern="[0-9A-Fa-f]{2}([:\-]?[0-9A-Fa-f]{2}){5}"
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
