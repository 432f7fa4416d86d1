import { useTranslation } from 'react-i18next';
import type { CreatedDevice } from '../../../../../common/api/devices';
import { useIpc } from '../../../app/use-ipc';
import { Dialog } from '../../../ui/Dialog';
import { Secret } from '../../../ui/Secret';
import { useAdminApi } from '../admin-api';
import { Loading } from '../PanelStatus';

/**
 * A device's SIP password, which the office returns only when it creates or renews it: shown
 * this once, with a copy button, and gone when the dialog closes. Beside it, everything else the
 * phone needs: the office's address, its SIP domain, and each transport with its port.
 */
export function SipPasswordDialog({ device, onClose }: { device: CreatedDevice; onClose: () => void }) {
  const { t } = useTranslation();
  const admin = useAdminApi();
  const [server, reload] = useIpc(() => admin.sipServer({}), 'sip-server');

  return (
    <Dialog title={t('admin.devices.credentialsTitle')} onClose={onClose}>
      <p>{t('admin.devices.onlyOnce')}</p>
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
      <div className="dialog-actions">
        <button className="button primary" type="button" onClick={onClose}>
          {t('admin.devices.done')}
        </button>
      </div>
    </Dialog>
  );
}
