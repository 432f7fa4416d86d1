import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DigestAlgorithms } from '../../../../../common/api/company';
import type { Device } from '../../../../../common/api/devices';
import { SelectField } from '../../../ui/Field';
import { FormDialog } from '../../../ui/FormDialog';
import { useAdminApi } from '../admin-api';
import { DIGEST_CHOICES } from '../company/digest-choices';
import { useDeviceName } from './device-name';

/** Follows the company’s security settings (null in the API). */
const COMPANY = 'company';

/** Which digest challenges one device gets: the company's, or its own (an old phone's MD5). */
export function DigestDialog({ device, onClose }: { device: Device; onClose: (done: boolean) => void }) {
  const { t } = useTranslation();
  const deviceName = useDeviceName();
  const admin = useAdminApi();
  const [choice, setChoice] = useState<DigestAlgorithms | typeof COMPANY>(
    device.sipDigestAlgorithms ?? COMPANY,
  );

  return (
    <FormDialog
      title={t('admin.devices.digestTitle', { device: deviceName(device) })}
      submitLabel={t('admin.common.save')}
      save={() =>
        admin.updateDevice({
          id: device.id,
          body: { sipDigestAlgorithms: choice === COMPANY ? null : choice },
        })
      }
      onSaved={() => onClose(true)}
      onCancel={() => onClose(false)}
    >
      {(error) => (
        <SelectField
          id="device-digest"
          label={t('admin.company.sipDigest')}
          hint={t('admin.devices.digestHint')}
          value={choice}
          invalid={error !== null}
          onChange={setChoice}
        >
          <option value={COMPANY}>{t('admin.devices.digestCompany')}</option>
          {DIGEST_CHOICES.map(({ value, label }) => (
            <option key={value} value={value}>
              {t(label)}
            </option>
          ))}
        </SelectField>
      )}
    </FormDialog>
  );
}
