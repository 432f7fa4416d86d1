import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedDevice, UpdatedDevice } from '../../../../../common/api/devices';
import { SelectField } from '../../../ui/Field';
import { useAdminApi } from '../admin-api';
import { confirmDialog } from '../panel-actions';
import { ResourcePanel, type PanelDialog } from '../ResourcePanel';
import { AssignDeviceDialog } from './AssignDeviceDialog';
import { DeviceFormDialog } from './DeviceFormDialog';
import { SipPasswordDialog } from './SipPasswordDialog';
import { useDeviceName } from './device-name';

type Pool = 'all' | 'free' | 'assigned';

const hasPassword = (device: UpdatedDevice): device is CreatedDevice => device.sipPassword !== undefined;

/** A device's new SIP password, shown once; closing it says `notice`. */
const credentials =
  (device: CreatedDevice, notice: string): PanelDialog =>
  (control) => <SipPasswordDialog device={device} onClose={() => control.close(notice)} />;

/** Devices: the free pool and the assigned ones; add a desk phone, assign, release, renew, delete. */
export function DevicesPanel() {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const name = useDeviceName();
  const [pool, setPool] = useState<Pool>('all');

  return (
    <ResourcePanel
      title={t('admin.sections.devices')}
      load={() => admin.listDevices(pool === 'all' ? {} : { query: { assigned: pool === 'assigned' } })}
      loadKey={pool}
      filters={
        <div className="admin-search">
          <SelectField id="devices-pool" label={t('admin.devices.show')} value={pool} onChange={setPool}>
            <option value="all">{t('admin.devices.all')}</option>
            <option value="free">{t('admin.devices.freePool')}</option>
            <option value="assigned">{t('admin.devices.assigned')}</option>
          </SelectField>
        </div>
      }
      empty={{ text: pool === 'free' ? t('admin.devices.poolEmpty') : t('admin.devices.empty') }}
      add={{
        label: t('admin.devices.addDeskPhone'),
        dialog: (control) => (
          <DeviceFormDialog
            onClose={(created) =>
              created
                ? control.next(credentials(created, t('admin.devices.added', { device: name(created) })))
                : control.close(null)
            }
          />
        ),
      }}
      rowName={name}
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
      actions={[
        {
          label: t('admin.devices.assign'),
          dialog: (device) => (control) => (
            <AssignDeviceDialog
              device={device}
              onClose={(saved) =>
                control.close(saved ? t('admin.devices.assignedDone', { device: name(device) }) : null)
              }
            />
          ),
        },
        {
          label: t('admin.devices.release'),
          offered: (device) => device.extension !== null,
          dialog: confirmDialog({
            title: (device) => t('admin.devices.releaseTitle', { device: name(device) }),
            message: (device) => t('admin.devices.releaseMessage', { extension: device.extension }),
            confirmLabel: t('admin.devices.release'),
            action: (device) => admin.updateDevice({ id: device.id, body: { extension: null } }),
            done: (device) => t('admin.devices.releasedDone', { device: name(device) }),
          }),
        },
        {
          label: t('admin.devices.regenerate'),
          dialog: confirmDialog({
            title: (device) => t('admin.devices.regenerateTitle', { device: name(device) }),
            message: () => t('admin.devices.regenerateMessage'),
            confirmLabel: t('admin.devices.regenerate'),
            action: (device) => admin.updateDevice({ id: device.id, body: { regenerateCredentials: true } }),
            done: (_device, renewed) =>
              hasPassword(renewed)
                ? credentials(renewed, t('admin.devices.regenerated', { device: name(renewed) }))
                : null,
          }),
        },
        {
          label: t('admin.common.delete'),
          danger: true,
          dialog: confirmDialog({
            title: (device) => t('admin.devices.deleteTitle', { device: name(device) }),
            message: () => t('admin.devices.deleteMessage'),
            confirmLabel: t('admin.common.delete'),
            danger: true,
            action: (device) => admin.deleteDevice({ id: device.id }),
            done: (device) => t('admin.devices.deleted', { device: name(device) }),
          }),
        },
      ]}
    />
  );
}
