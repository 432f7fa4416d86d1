import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedDevice } from '../../../../../common/api/devices';
import type { IpcError } from '../../../../../common/ipc/result';
import { useAdminApi } from '../admin-api';
import { Dialog } from '../Dialog';
import { FormError } from '../PanelStatus';

/** Adds a desk phone, to an extension or to the free pool. */
export function DeviceFormDialog({ onClose }: { onClose: (created: CreatedDevice | null) => void }) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [model, setModel] = useState('');
  const [label, setLabel] = useState('');
  const [mac, setMac] = useState('');
  const [extension, setExtension] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await admin.createDevice({
      body: {
        kind: 'desk-phone',
        model: model.trim(),
        ...(label.trim() && { label: label.trim() }),
        ...(mac.trim() && { mac: mac.trim() }),
        ...(extension.trim() && { extension: extension.trim() }),
      },
    });
    setBusy(false);
    if (result.ok) onClose(result.value);
    else setError(result.error);
  };

  return (
    <Dialog title={t('admin.devices.addTitle')} onClose={() => onClose(null)}>
      <form className="stack" onSubmit={(event) => void submit(event)}>
        <FormError error={error} />
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
            aria-invalid={error?.code === 'mac_taken' || error?.field === 'body.mac'}
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
            aria-invalid={error?.field === 'body.extension'}
            onChange={(event) => setExtension(event.target.value)}
          />
          <p id="device-extension-hint" className="hint">
            {t('admin.devices.extensionHint')}
          </p>
        </div>
        <div className="admin-actions">
          <button className="button" type="button" onClick={() => onClose(null)}>
            {t('admin.common.cancel')}
          </button>
          <button className="button primary" type="submit" disabled={busy}>
            {t('admin.devices.add')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
