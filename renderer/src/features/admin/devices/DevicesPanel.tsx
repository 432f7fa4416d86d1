import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Device, UpdatedDevice } from '../../../../../common/api/devices';
import { formatRelative } from '../../../format';
import type { Language } from '../../../i18n/languages';
import { SelectField } from '../../../ui/Field';
import { useMinute } from '../../../ui/use-minute';
import { useAdminApi } from '../admin-api';
import { confirmDialog } from '../panel-actions';
import { ResourcePanel, type PanelDialog } from '../ResourcePanel';
import { AssignDeviceDialog } from './AssignDeviceDialog';
import { CredentialsDialog, hasNewPassword } from './CredentialsDialog';
import { DigestDialog } from './DigestDialog';
import { DeviceFormDialog } from './DeviceFormDialog';
import { modelName, useDeviceName } from './device-name';

type Pool = 'all' | 'free' | 'assigned';

/** A device's new passwords, shown once; closing them says `notice`. */
const credentials =
  (device: UpdatedDevice, notice: string): PanelDialog =>
  (control) => <CredentialsDialog device={device} onClose={() => control.close(notice)} />;

/**
 * Devices: the free pool and the assigned ones, each desk phone's last fetch of its configuration
 * and its registrations; add or edit a desk phone, assign, release, renew credentials, delete.
 */
export function DevicesPanel() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const now = useMinute();
  const admin = useAdminApi();
  const name = useDeviceName();
  const [pool, setPool] = useState<Pool>('all');
  // The office's clock may run a little ahead of the page's minute: a past event is never "in 1 second".
  const since = (at: string) =>
    formatRelative(language, new Date(Math.min(Date.parse(at), now.getTime())), now);

  /** When the phone last fetched its configuration, which file, from where (its software on hover). */
  const lastFetch = (device: Device) => {
    if (device.kind === 'softphone') return '—';
    if (!device.provisioning) return t('admin.devices.manualSetUp');
    const fetched = device.provisioning.lastFetch;
    if (!fetched) return t('admin.devices.neverFetched');
    return (
      <span title={fetched.userAgent}>
        {since(fetched.at)}
        <span className="admin-muted">
          {' · '}
          {t('admin.devices.fetchedFrom', { file: fetched.file, address: fetched.address })}
        </span>
      </span>
    );
  };

  /** Where it is registered from, and since its last REGISTER. */
  const registration = (device: Device) => {
    const [latest, ...others] = device.registrations;
    if (!latest) return t('admin.devices.notRegistered');
    return (
      <>
        {t('admin.devices.registeredFrom', {
          transport: latest.transport,
          address: `${latest.address}:${latest.port}`,
        })}
        <span className="admin-muted">
          {' · '}
          {since(latest.registeredAt)}
          {others.length > 0 && ` · +${others.length}`}
        </span>
      </>
    );
  };

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
              {device.label && <span className="admin-muted"> · {modelName(device)}</span>}
              <span className="admin-muted admin-second-line">
                {device.kind === 'desk-phone' ? t('admin.devices.deskPhone') : t('admin.devices.softphone')}
                {device.mac && ` · ${device.mac}`}
                {' · '}
                <code aria-label={t('admin.devices.sipUsername')}>{device.sipUsername}</code>
              </span>
            </>
          ),
        },
        {
          header: t('admin.devices.extension'),
          cell: (device) => device.extension ?? t('admin.devices.inPool'),
        },
        { header: t('admin.devices.lastFetch'), cell: lastFetch },
        { header: t('admin.devices.registration'), cell: registration },
      ]}
      actions={[
        {
          label: t('admin.common.edit'),
          offered: (device) => device.kind === 'desk-phone',
          dialog: (device) => (control) => (
            <DeviceFormDialog
              device={device}
              onClose={(saved) => {
                const notice = saved && t('admin.common.saved', { name: name(saved) });
                if (saved && hasNewPassword(saved)) control.next(credentials(saved, notice!));
                else control.close(notice);
              }}
            />
          ),
        },
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
              hasNewPassword(renewed)
                ? credentials(renewed, t('admin.devices.regenerated', { device: name(renewed) }))
                : null,
          }),
        },
        {
          label: t('admin.devices.digest'),
          dialog: (device) => (control) => (
            <DigestDialog
              device={device}
              onClose={(saved) =>
                control.close(saved ? t('admin.devices.digestDone', { device: name(device) }) : null)
              }
            />
          ),
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
