import { useTranslation } from 'react-i18next';
import { OutsideCallLimits } from '../../../../../common/api/company';
import type { IpcError } from '../../../../../common/ipc/result';
import { CheckField, TextField } from '../../../ui/Field';
import { numberLimits } from '../../../ui/field-limits';
import { refused } from '../../../ui/FormDialog';

type NumericLimit = Exclude<keyof OutsideCallLimits, 'premiumNumbersAllowed'>;

/** The caps as typed: an emptied number field must not turn into 0 under the admin's fingers. */
export type OutsideCallDraft = Record<NumericLimit, string> & { premiumNumbersAllowed: boolean };

const LIMITS: { key: NumericLimit; label: string }[] = [
  { key: 'perUser', label: 'admin.company.outsidePerUser' },
  { key: 'total', label: 'admin.company.outsideTotal' },
  { key: 'internationalMinutesPerDay', label: 'admin.company.internationalMinutes' },
];

export const outsideCallDraft = (limits: OutsideCallLimits): OutsideCallDraft => ({
  perUser: String(limits.perUser),
  total: String(limits.total),
  internationalMinutesPerDay: String(limits.internationalMinutesPerDay),
  premiumNumbersAllowed: limits.premiumNumbersAllowed,
});

export const outsideCallLimits = (draft: OutsideCallDraft): OutsideCallLimits => ({
  perUser: Number(draft.perUser),
  total: Number(draft.total),
  internationalMinutesPerDay: Number(draft.internationalMinutesPerDay),
  premiumNumbersAllowed: draft.premiumNumbersAllowed,
});

/**
 * The office's toll-fraud caps on calls outside: at once per person and in all, international
 * minutes a day, premium-rate numbers. Only a super admin may change them (the office refuses
 * anyone else); a plain admin reads them.
 */
export function OutsideCallFields({
  value,
  editable,
  error,
  onChange,
}: {
  value: OutsideCallDraft;
  editable: boolean;
  error: IpcError | null;
  onChange: (draft: OutsideCallDraft) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="admin-fieldset stack">
      <legend>{t('admin.company.outsideCalls')}</legend>
      <p className="hint">
        {t(editable ? 'admin.company.outsideCallsHint' : 'admin.company.outsideCallsReadOnly')}
      </p>
      {LIMITS.map(({ key, label }) => {
        const { min, max } = numberLimits(OutsideCallLimits.properties[key]);
        return (
          <TextField
            key={key}
            id={`outside-${key}`}
            label={t(label)}
            type="number"
            required
            readOnly={!editable}
            min={min}
            max={max}
            step={1}
            hint={t('admin.company.range', { min, max })}
            value={value[key]}
            invalid={refused(error, `outsideCalls.${key}`)}
            onChange={(text) => onChange({ ...value, [key]: text })}
          />
        );
      })}
      {editable ? (
        <CheckField
          label={t('admin.company.premiumAllowed')}
          checked={value.premiumNumbersAllowed}
          onChange={(premiumNumbersAllowed) => onChange({ ...value, premiumNumbersAllowed })}
        />
      ) : (
        <p>{t(value.premiumNumbersAllowed ? 'admin.company.premiumOn' : 'admin.company.premiumOff')}</p>
      )}
    </fieldset>
  );
}
