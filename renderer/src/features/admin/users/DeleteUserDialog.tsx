import { useTranslation } from 'react-i18next';
import type { UserSummary } from '../../../../../common/api/users';
import { useIpc } from '../../../app/use-ipc';
import { ConfirmDialog } from '../../../ui/FormDialog';
import { useAdminApi } from '../admin-api';
import { Loading } from '../PanelStatus';
import { deviceName } from '../devices/device-name';

/** Deleting a user says which of their devices go back to the free pool before it asks. */
export function DeleteUserDialog({ user, onClose }: { user: UserSummary; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [devices, reload] = useIpc(() => admin.listDevices({ query: { assigned: true } }), user.id);

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
      <Loading state={devices} onRetry={reload}>
        {({ items }) => {
          const theirs = items.filter((device) => device.extension === user.extension);
          if (theirs.length === 0) return <p>{t('admin.delete.noDevices')}</p>;
          return (
            <>
              <p>{t('admin.delete.devices')}</p>
              <ul className="admin-device-list">
                {theirs.map((device) => (
                  <li key={device.id}>
                    {deviceName(device)} <span className="admin-muted">{device.sipUsername}</span>
                  </li>
                ))}
              </ul>
            </>
          );
        }}
      </Loading>
    </ConfirmDialog>
  );
}
