import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Device } from '../../../../../common/api/devices';
import type { IpcError } from '../../../../../common/ipc/result';
import { useAdminApi } from '../admin-api';
import { Dialog } from '../Dialog';
import { FormError } from '../PanelStatus';

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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await admin.updateDevice({ id: device.id, body: { extension: extension.trim() } });
    setBusy(false);
    if (result.ok) onClose(true);
    else setError(result.error);
  };

  return (
    <Dialog
      title={t('admin.devices.assignTitle', { device: device.label || device.model })}
      onClose={() => onClose(false)}
    >
      <form className="stack" onSubmit={(event) => void submit(event)}>
        <FormError error={error} />
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
        <div className="admin-actions">
          <button className="button" type="button" onClick={() => onClose(false)}>
            {t('admin.common.cancel')}
          </button>
          <button className="button primary" type="submit" disabled={busy}>
            {t('admin.devices.assign')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
