import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedDevice, Device, UpdatedDevice } from '../../../../../common/api/devices';
import { SelectField } from '../../../ui/Field';
import { useAdminApi } from '../admin-api';
import { ConfirmDialog } from '../ConfirmDialog';
import { DataTable } from '../DataTable';
import { Notice, PanelHead } from '../PanelHead';
import { ListStates } from '../PanelStatus';
import { useLoad } from '../use-load';
import { usePanelDialog } from '../use-panel-dialog';
import { AssignDeviceDialog } from './AssignDeviceDialog';
import { DigestDialog } from './DigestDialog';
import { DeviceFormDialog } from './DeviceFormDialog';
import { SipPasswordDialog } from './SipPasswordDialog';

type Pool = 'all' | 'free' | 'assigned';

type Open =
  | { dialog: 'add' }
  | { dialog: 'assign' | 'release' | 'regenerate' | 'digest' | 'delete'; device: Device }
  | { dialog: 'credentials'; device: CreatedDevice; notice: string };

const hasPassword = (device: UpdatedDevice): device is CreatedDevice => device.sipPassword !== undefined;

/** Devices: the free pool and the assigned ones; add a desk phone, assign, release, renew, delete. */
export function DevicesPanel() {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [pool, setPool] = useState<Pool>('all');
  const [devices, reload] = useLoad(
    () => admin.listDevices(pool === 'all' ? {} : { query: { assigned: pool === 'assigned' } }),
    pool,
  );
  const { open, setOpen, notice, close: done } = usePanelDialog<Open>(reload);

  const name = (device: Device) => device.label || device.model;

  /** A device with a new SIP password: the list shows it, and the password is shown once. */
  const showPassword = (device: CreatedDevice, message: string) => {
    reload();
    setOpen({ dialog: 'credentials', device, notice: message });
  };

  return (
    <div className="stack">
      <PanelHead title={t('admin.sections.devices')}>
        <button className="button primary" type="button" onClick={() => setOpen({ dialog: 'add' })}>
          {t('admin.devices.addDeskPhone')}
        </button>
      </PanelHead>
      <div className="admin-search">
        <SelectField id="devices-pool" label={t('admin.devices.show')} value={pool} onChange={setPool}>
          <option value="all">{t('admin.devices.all')}</option>
          <option value="free">{t('admin.devices.freePool')}</option>
          <option value="assigned">{t('admin.devices.assigned')}</option>
        </SelectField>
      </div>
      <Notice text={notice} />
      <ListStates
        state={devices}
        onRetry={reload}
        empty={<p>{pool === 'free' ? t('admin.devices.poolEmpty') : t('admin.devices.empty')}</p>}
      >
        {(items) => (
          <DataTable
            rows={items}
            columns={[
              {
                header: t('admin.devices.device'),
                cell: (device) => (
                  <>
                    {name(device)}
                    {device.label && <span className="admin-muted"> · {device.model}</span>}
                  </>
                ),
              },
              {
                header: t('admin.devices.kind'),
                cell: (device) =>
                  device.kind === 'desk-phone' ? t('admin.devices.deskPhone') : t('admin.devices.softphone'),
              },
              { header: t('admin.devices.mac'), cell: (device) => device.mac ?? '—' },
              { header: t('admin.devices.sipUsername'), cell: (device) => <code>{device.sipUsername}</code> },
              {
                header: t('admin.devices.extension'),
                cell: (device) => device.extension ?? t('admin.devices.inPool'),
              },
            ]}
            actions={(device) => [
              {
                label: t('admin.devices.assign'),
                name: t('admin.devices.assignFor', { device: name(device) }),
                onClick: () => setOpen({ dialog: 'assign', device }),
              },
              device.extension !== null && {
                label: t('admin.devices.release'),
                name: t('admin.devices.releaseFor', { device: name(device) }),
                onClick: () => setOpen({ dialog: 'release', device }),
              },
              {
                label: t('admin.devices.regenerate'),
                name: t('admin.devices.regenerateFor', { device: name(device) }),
                onClick: () => setOpen({ dialog: 'regenerate', device }),
              },
              {
                label: t('admin.devices.digest'),
                name: t('admin.devices.digestFor', { device: name(device) }),
                onClick: () => setOpen({ dialog: 'digest', device }),
              },
              {
                label: t('admin.common.delete'),
                name: t('admin.devices.deleteFor', { device: name(device) }),
                danger: true,
                onClick: () => setOpen({ dialog: 'delete', device }),
              },
            ]}
          />
        )}
      </ListStates>
      {open?.dialog === 'add' && (
        <DeviceFormDialog
          onClose={(created) =>
            created
              ? showPassword(created, t('admin.devices.added', { device: name(created) }))
              : setOpen(null)
          }
        />
      )}
      {open?.dialog === 'credentials' && (
        <SipPasswordDialog device={open.device} onClose={() => done(open.notice)} />
      )}
      {open?.dialog === 'assign' && (
        <AssignDeviceDialog
          device={open.device}
          onClose={(saved) =>
            done(saved ? t('admin.devices.assignedDone', { device: name(open.device) }) : null)
          }
        />
      )}
      {open?.dialog === 'digest' && (
        <DigestDialog
          device={open.device}
          onClose={(saved) =>
            done(saved ? t('admin.devices.digestDone', { device: name(open.device) }) : null)
          }
        />
      )}
      {open?.dialog === 'release' && (
        <ConfirmDialog
          title={t('admin.devices.releaseTitle', { device: name(open.device) })}
          message={t('admin.devices.releaseMessage', { extension: open.device.extension })}
          confirmLabel={t('admin.devices.release')}
          action={() => admin.updateDevice({ id: open.device.id, body: { extension: null } })}
          onCancel={() => done(null)}
          onDone={() => done(t('admin.devices.releasedDone', { device: name(open.device) }))}
        />
      )}
      {open?.dialog === 'regenerate' && (
        <ConfirmDialog
          title={t('admin.devices.regenerateTitle', { device: name(open.device) })}
          message={t('admin.devices.regenerateMessage')}
          confirmLabel={t('admin.devices.regenerate')}
          action={() => admin.updateDevice({ id: open.device.id, body: { regenerateCredentials: true } })}
          onCancel={() => done(null)}
          onDone={(renewed) =>
            hasPassword(renewed)
              ? showPassword(renewed, t('admin.devices.regenerated', { device: name(renewed) }))
              : done(null)
          }
        />
      )}
      {open?.dialog === 'delete' && (
        <ConfirmDialog
          title={t('admin.devices.deleteTitle', { device: name(open.device) })}
          message={t('admin.devices.deleteMessage')}
          confirmLabel={t('admin.common.delete')}
          danger
          action={() => admin.deleteDevice({ id: open.device.id })}
          onCancel={() => done(null)}
          onDone={() => done(t('admin.devices.deleted', { device: name(open.device) }))}
        />
      )}
    </div>
  );
}
