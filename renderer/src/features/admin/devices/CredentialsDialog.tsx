import { useTranslation } from 'react-i18next';
import type { UpdatedDevice } from '../../../../../common/api/devices';
import { useIpc } from '../../../app/use-ipc';
import { Dialog } from '../../../ui/Dialog';
import { Secret } from '../../../ui/Secret';
import { useAdminApi } from '../admin-api';
import { Loading } from '../PanelStatus';

/** Whether the office's answer carries a password it shows only this once. */
export const hasNewPassword = (device: UpdatedDevice) =>
  device.sipPassword !== undefined || device.provisioningPassword !== undefined;

/**
 * A device's new passwords, which the office returns only when it issues them: the SIP account,
 * and a provisioned desk phone's provisioning server, user name and password. Shown this once,
 * each with a copy button, and gone when the dialog closes. Beside the SIP account, everything
 * else a phone set up by hand needs: the office's address, its SIP domain, each transport's port.
 */
export function CredentialsDialog({ device, onClose }: { device: UpdatedDevice; onClose: () => void }) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const provisioning = device.provisioningPassword !== undefined ? device.provisioning : null;
  const [server, reload] = useIpc(() => admin.sipServer({}), 'sip-server');

  return (
    <Dialog
      title={provisioning ? t('admin.devices.phoneCredentialsTitle') : t('admin.devices.credentialsTitle')}
      onClose={onClose}
    >
      <p>{t('admin.devices.onlyOnce')}</p>
      {provisioning && (
        <section className="stack">
          <h3>{t('admin.devices.provisioning')}</h3>
          <p className="hint">{t('admin.devices.provisioningHint')}</p>
          <dl className="admin-credentials">
            <dt>{t('admin.devices.provisioningUrl')}</dt>
            <dd>
              <code>{provisioning.url}</code>
            </dd>
            <dt>{t('admin.devices.provisioningUsername')}</dt>
            <dd>
              <code>{provisioning.username}</code>
            </dd>
            <dt>{t('admin.devices.provisioningPassword')}</dt>
            <dd className="secret">
              <Secret value={device.provisioningPassword!} />
            </dd>
          </dl>
        </section>
      )}
      {device.sipPassword !== undefined && (
        <section className="stack">
          {provisioning && <h3>{t('admin.devices.sipAccount')}</h3>}
          <dl className="admin-credentials">
            <dt>{t('admin.devices.sipUsername')}</dt>
            <dd>
              <code>{device.sipUsername}</code>
            </dd>
            <dt>{t('admin.devices.sipPassword')}</dt>
            <dd className="secret">
              <Secret value={device.sipPassword} />
            </dd>
          </dl>
          {/* The password above stays whatever happens to this: it is shown only now. */}
          <Loading state={server} onRetry={reload}>
            {({ address, domain, transports }) => (
              <dl className="admin-credentials">
                <dt>{t('admin.devices.server')}</dt>
                <dd>
                  <code>{address}</code>
                </dd>
                <dt>{t('admin.devices.domain')}</dt>
                <dd>
                  <code>{domain}</code>
                </dd>
                <dt>{t('admin.devices.transports')}</dt>
                <dd>
                  <ul className="admin-transports">
                    {transports.map(({ transport, port }) => (
                      <li key={transport}>
                        {t('admin.devices.transportPort', { transport: transport.toUpperCase(), port })}
                      </li>
                    ))}
                  </ul>
                </dd>
              </dl>
            )}
          </Loading>
        </section>
      )}
      <div className="dialog-actions">
        <button className="button primary" type="button" onClick={onClose}>
          {t('admin.devices.done')}
        </button>
      </div>
    </Dialog>
  );
}
