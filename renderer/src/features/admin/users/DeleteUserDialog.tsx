import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../../../../common/api/users';
import { useAdminApi } from '../admin-api';
import { ConfirmDialog } from '../ConfirmDialog';
import { LoadError, LoadingRows } from '../PanelStatus';
import { useLoad } from '../use-load';

/** Deleting a user says which of their devices go back to the free pool before it asks. */
export function DeleteUserDialog({ user, onClose }: { user: UserSummary; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [devices, reload] = useLoad(() => admin.listDevices({ query: { assigned: true } }), user.id);

  const theirs =
    devices.status === 'ready'
      ? devices.value.items.filter((device) => device.extension === user.extension)
      : [];

  return (
    <ConfirmDialog
      title={t('admin.delete.title', { name: user.name })}
      message={t('admin.delete.cannotUndo')}
      confirmLabel={t('admin.delete.submit')}
      danger
      ready={devices.status === 'ready'}
      action={() => admin.deleteUser({ id: user.id })}
      onDone={() => onClose(true)}
      onCancel={() => onClose(false)}
    >
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
    </ConfirmDialog>
  );
}
