import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../../../../common/api/users';
import type { IpcError } from '../../../../../common/ipc/result';
import { useAdminApi } from '../admin-api';
import { Dialog } from '../Dialog';
import { FormError, LoadError, LoadingRows } from '../PanelStatus';
import { useLoad } from '../use-load';

/** Deleting a user says which of their devices go back to the free pool before it asks. */
export function DeleteUserDialog({ user, onClose }: { user: UserSummary; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [devices, reload] = useLoad(() => admin.listDevices({ query: { assigned: true } }), user.id);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);

  const theirs =
    devices.status === 'ready'
      ? devices.value.items.filter((device) => device.extension === user.extension)
      : [];

  const remove = async () => {
    setBusy(true);
    setError(null);
    const result = await admin.deleteUser({ id: user.id });
    setBusy(false);
    if (result.ok) onClose(true);
    else setError(result.error);
  };

  return (
    <Dialog title={t('admin.delete.title', { name: user.name })} onClose={() => onClose(false)}>
      <FormError error={error} />
      {devices.status === 'loading' && <LoadingRows label={t('admin.common.loading')} />}
      {devices.status === 'error' && <LoadError error={devices.error} onRetry={reload} />}
      {devices.status === 'ready' &&
        (theirs.length === 0 ? (
          <p>{t('admin.delete.noDevices')}</p>
        ) : (
          <>
            <p>{t('admin.delete.devices')}</p>
            <ul className="admin-device-list">
              {theirs.map((device) => (
                <li key={device.id}>
                  {device.label || device.model} <span className="admin-muted">{device.sipUsername}</span>
                </li>
              ))}
            </ul>
          </>
        ))}
      <p>{t('admin.delete.cannotUndo')}</p>
      <div className="admin-actions">
        <button className="button" type="button" onClick={() => onClose(false)}>
          {t('admin.common.cancel')}
        </button>
        <button
          className="button danger"
          type="button"
          disabled={busy || devices.status !== 'ready'}
          onClick={() => void remove()}
        >
          {t('admin.delete.submit')}
        </button>
      </div>
    </Dialog>
  );
}
