import { useTranslation } from 'react-i18next';
import type { CallerHears } from '../../../../../common/api/music';
import { SelectField } from '../../../ui/Field';

/** What a ring group's or receptionist's callers hear while the number they want rings. */
export function CallerHearsSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: CallerHears;
  onChange: (callerHears: CallerHears) => void;
}) {
  const { t } = useTranslation();
  return (
    <SelectField id={id} label={t('admin.ringGroups.callerHears')} value={value} onChange={onChange}>
      <option value="ringing">{t('admin.ringGroups.callerHearsRinging')}</option>
      <option value="music">{t('admin.ringGroups.callerHearsMusic')}</option>
    </SelectField>
  );
}
