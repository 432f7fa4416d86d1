import { useTranslation } from 'react-i18next';
import { Holiday } from '../../../../../common/api/receptionists';
import type { IpcError } from '../../../../../common/ipc/result';
import { TextField } from '../../../ui/Field';
import { textLimits } from '../../../ui/field-limits';
import { refusedAt, type HolidayDraft } from './receptionist-draft';

const MAX_HOLIDAYS = 100;

/** The days off the holiday menu answers, each one day or several (the last included). */
export function HolidayFields({
  holidays,
  error,
  onChange,
}: {
  holidays: HolidayDraft[];
  error: IpcError | null;
  onChange: (holidays: HolidayDraft[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="admin-fieldset stack">
      <legend>{t('admin.receptionists.form.holidays')}</legend>
      {holidays.length === 0 && <p>{t('admin.receptionists.form.noHolidays')}</p>}
      {holidays.map((holiday, i) => {
        const set = (change: Partial<HolidayDraft>) => onChange(holidays.with(i, { ...holiday, ...change }));
        return (
          <fieldset key={i} className="receptionist-row">
            <legend>{t('admin.receptionists.form.holidayN', { n: i + 1 })}</legend>
            <TextField
              id={`receptionist-holiday-${i}-name`}
              label={t('admin.receptionists.form.holidayName')}
              required
              {...textLimits(Holiday.properties.name)}
              value={holiday.name}
              invalid={refusedAt(error, `holidays.${i}.name`)}
              onChange={(name) => set({ name })}
            />
            <TextField
              id={`receptionist-holiday-${i}-from`}
              label={t('admin.receptionists.form.holidayFrom')}
              type="date"
              required
              value={holiday.from}
              invalid={refusedAt(error, `holidays.${i}.from`)}
              onChange={(from) => set({ from })}
            />
            <TextField
              id={`receptionist-holiday-${i}-to`}
              label={t('admin.receptionists.form.holidayTo')}
              type="date"
              min={holiday.from || undefined}
              value={holiday.to}
              invalid={refusedAt(error, `holidays.${i}.to`)}
              onChange={(to) => set({ to })}
            />
            <button className="button" type="button" onClick={() => onChange(holidays.toSpliced(i, 1))}>
              {t('admin.receptionists.form.removeHoliday')}
            </button>
          </fieldset>
        );
      })}
      {holidays.length < MAX_HOLIDAYS && (
        <button
          className="button"
          type="button"
          onClick={() => onChange([...holidays, { name: '', from: '', to: '' }])}
        >
          {t('admin.receptionists.form.addHoliday')}
        </button>
      )}
    </fieldset>
  );
}
