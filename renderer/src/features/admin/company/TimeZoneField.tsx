import { useTranslation } from 'react-i18next';
import { SelectField } from '../../../ui/Field';

/** The zone's identifier with its name in the reader's language ("Europe/Madrid · hora de Europa central"). */
function zoneName(zone: string, language: string): string {
  const name = new Intl.DateTimeFormat(language, { timeZone: zone, timeZoneName: 'longGeneric' })
    .formatToParts(new Date())
    .find((part) => part.type === 'timeZoneName')?.value;
  return name && name !== zone ? `${zone} · ${name}` : zone;
}

/** The company's time zone, from those this computer knows (the office refuses one it does not). */
export function TimeZoneField({
  value,
  invalid,
  onChange,
}: {
  value: string;
  invalid: boolean;
  onChange: (zone: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const zones = Intl.supportedValuesOf('timeZone');
  // A zone the office has that this computer does not list (UTC is not in the list) stays choosable.
  const choices = zones.includes(value) ? zones : [value, ...zones];
  return (
    <SelectField
      id="company-time-zone"
      label={t('admin.company.timeZone')}
      hint={t('admin.company.timeZoneHint')}
      value={value}
      invalid={invalid}
      onChange={onChange}
    >
      {choices.map((zone) => (
        <option key={zone} value={zone}>
          {zoneName(zone, i18n.language)}
        </option>
      ))}
    </SelectField>
  );
}
