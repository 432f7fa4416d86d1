import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedDevice } from '../../../../../common/api/devices';
import { useAdminApi } from '../admin-api';
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
          <div className="field">
            <label htmlFor="device-model">{t('admin.devices.model')}</label>
            <input
              id="device-model"
              type="text"
              required
              maxLength={80}
              value={model}
              onChange={(event) => setModel(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="device-label">{t('admin.devices.label')}</label>
            <input
              id="device-label"
              type="text"
              maxLength={200}
              value={label}
              onChange={(event) => setLabel(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="device-mac">{t('admin.devices.mac')}</label>
            <input
              id="device-mac"
              type="text"
              maxLength={17}
              pattern="[0-9A-Fa-f]{2}([:\-]?[0-9A-Fa-f]{2}){5}"
              value={mac}
              aria-invalid={refused(error, 'mac', 'mac_taken')}
              onChange={(event) => setMac(event.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="device-extension">{t('admin.devices.extension')}</label>
            <input
              id="device-extension"
              type="text"
              inputMode="numeric"
              pattern="[0-9]{2,8}"
              maxLength={8}
              value={extension}
              aria-describedby="device-extension-hint"
              aria-invalid={refused(error, 'extension')}
              onChange={(event) => setExtension(event.target.value)}
            />
            <p id="device-extension-hint" className="hint">
              {t('admin.devices.extensionHint')}
            </p>
          </div>
        </>
      )}
    </FormDialog>
  );
}
