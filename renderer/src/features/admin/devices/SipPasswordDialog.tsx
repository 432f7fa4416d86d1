import { useTranslation } from 'react-i18next';
import type { CreatedDevice } from '../../../../../common/api/devices';
import { Dialog } from '../../../ui/Dialog';
import { Secret } from '../../../ui/Secret';

/**
 * A device's SIP password, which the office returns only when it creates or renews it: shown
 * this once, with a copy button, and gone when the dialog closes.
 */
export function SipPasswordDialog({ device, onClose }: { device: CreatedDevice; onClose: () => void }) {
  const { t } = useTranslation();

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
      <div className="dialog-actions">
        <button className="button primary" type="button" onClick={onClose}>
          {t('admin.devices.done')}
        </button>
      </div>
    </Dialog>
  );
}
