import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedDevice, Device, UpdatedDevice } from '../../../../../common/api/devices';
import { useAdminApi } from '../admin-api';
import { ConfirmDialog } from '../ConfirmDialog';
import { ListStates } from '../PanelStatus';
import { useLoad } from '../use-load';
import { AssignDeviceDialog } from './AssignDeviceDialog';
import { DeviceFormDialog } from './DeviceFormDialog';
import { SipPasswordDialog } from './SipPasswordDialog';

type Pool = 'all' | 'free' | 'assigned';

type Open =
  | { dialog: 'add' }
  | { dialog: 'assign' | 'release' | 'regenerate' | 'delete'; device: Device }
  | { dialog: 'credentials'; device: CreatedDevice; notice: string }
  | null;

const hasPassword = (device: UpdatedDevice): device is CreatedDevice => device.sipPassword !== undefined;

/** Devices: the free pool and the assigned ones; add a desk phone, assign, release, renew, delete. */
export function DevicesPanel() {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [pool, setPool] = useState<Pool>('all');
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [devices, reload] = useLoad(
    () => admin.listDevices(pool === 'all' ? {} : { query: { assigned: pool === 'assigned' } }),
    pool,
  );

  const done = (message: string | null) => {
    setOpen(null);
    if (message) {
      setNotice(message);
      reload();
    }
  };

  const name = (device: Device) => device.label || device.model;

  return (
    <div className="stack">
      <header className="admin-panel-head">
        <h1>{t('admin.sections.devices')}</h1>
        <button className="button primary" type="button" onClick={() => setOpen({ dialog: 'add' })}>
          {t('admin.devices.addDeskPhone')}
        </button>
      </header>
      <div className="field admin-search">
        <label htmlFor="devices-pool">{t('admin.devices.show')}</label>
        <select id="devices-pool" value={pool} onChange={(event) => setPool(event.target.value as Pool)}>
          <option value="all">{t('admin.devices.all')}</option>
          <option value="free">{t('admin.devices.freePool')}</option>
          <option value="assigned">{t('admin.devices.assigned')}</option>
        </select>
      </div>
      {notice && (
        <p className="admin-notice" role="status">
          {notice}
        </p>
      )}
      <ListStates
        state={devices}
        onRetry={reload}
        empty={<p>{pool === 'free' ? t('admin.devices.poolEmpty') : t('admin.devices.empty')}</p>}
      >
        {(items) => (
          <div className="admin-table-wrap">
            <table className="admin-table">
              <thead>
                <tr>
                  <th scope="col">{t('admin.devices.device')}</th>
                  <th scope="col">{t('admin.devices.kind')}</th>
                  <th scope="col">{t('admin.devices.mac')}</th>
                  <th scope="col">{t('admin.devices.sipUsername')}</th>
                  <th scope="col">{t('admin.devices.extension')}</th>
                  <th scope="col">{t('admin.common.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((device) => (
                  <tr key={device.id}>
                    <td data-label={t('admin.devices.device')}>
                      {name(device)}
                      {device.label && <span className="admin-muted"> · {device.model}</span>}
                    </td>
                    <td data-label={t('admin.devices.kind')}>
                      {device.kind === 'desk-phone'
                        ? t('admin.devices.deskPhone')
                        : t('admin.devices.softphone')}
                    </td>
                    <td data-label={t('admin.devices.mac')}>{device.mac ?? '—'}</td>
                    <td data-label={t('admin.devices.sipUsername')}>
                      <code>{device.sipUsername}</code>
                    </td>
                    <td data-label={t('admin.devices.extension')}>
                      {device.extension ?? t('admin.devices.inPool')}
                    </td>
                    <td className="admin-row-actions">
                      <button
                        className="button small"
                        type="button"
                        aria-label={t('admin.devices.assignFor', { device: name(device) })}
                        onClick={() => setOpen({ dialog: 'assign', device })}
                      >
                        {t('admin.devices.assign')}
                      </button>
                      {device.extension && (
                        <button
                          className="button small"
                          type="button"
                          aria-label={t('admin.devices.releaseFor', { device: name(device) })}
                          onClick={() => setOpen({ dialog: 'release', device })}
                        >
                          {t('admin.devices.release')}
                        </button>
                      )}
                      <button
                        className="button small"
                        type="button"
                        aria-label={t('admin.devices.regenerateFor', { device: name(device) })}
                        onClick={() => setOpen({ dialog: 'regenerate', device })}
                      >
                        {t('admin.devices.regenerate')}
                      </button>
                      <button
                        className="button small danger"
                        type="button"
                        aria-label={t('admin.devices.deleteFor', { device: name(device) })}
                        onClick={() => setOpen({ dialog: 'delete', device })}
                      >
                        {t('admin.common.delete')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListStates>
      {open?.dialog === 'add' && (
        <DeviceFormDialog
          onClose={(created) => {
            if (!created) return setOpen(null);
            reload();
            setOpen({
              dialog: 'credentials',
              device: created,
              notice: t('admin.devices.added', { device: name(created) }),
            });
          }}
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
          onDone={(renewed) => {
            if (!hasPassword(renewed)) return done(null);
            reload();
            setOpen({
              dialog: 'credentials',
              device: renewed,
              notice: t('admin.devices.regenerated', { device: name(renewed) }),
            });
          }}
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
