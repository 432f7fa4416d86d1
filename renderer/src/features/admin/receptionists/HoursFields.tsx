import { useTranslation } from 'react-i18next';
import {
  ClockTime,
  WEEKDAYS,
  type BusinessHours,
  type OpeningSpan,
} from '../../../../../common/api/receptionists';
import type { IpcError } from '../../../../../common/ipc/result';
import { TextField } from '../../../ui/Field';
import { textLimits } from '../../../ui/field-limits';
import { refusedAt } from './receptionist-draft';
import { dayKey } from './receptionist-keys';

const MAX_SPANS = 4;

/** When the office is open, day by day: one or more spans, or none for a closed day. */
export function HoursFields({
  hours,
  error,
  onChange,
}: {
  hours: BusinessHours;
  error: IpcError | null;
  onChange: (hours: BusinessHours) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="admin-fieldset stack">
      <legend>{t('admin.receptionists.form.hours')}</legend>
      <p className="hint">{t('admin.receptionists.form.hoursHint')}</p>
      {WEEKDAYS.map((day) => {
        const spans = hours[day];
        const setSpans = (next: OpeningSpan[]) => onChange({ ...hours, [day]: next });
        return (
          <fieldset key={day} className="receptionist-day">
            <legend>{t(dayKey(day))}</legend>
            {spans.length === 0 && <p>{t('admin.receptionists.form.closedDay')}</p>}
            {spans.map((span, i) => (
              <div key={i} className="receptionist-row">
                <TextField
                  id={`receptionist-${day}-${i}-from`}
                  label={t('admin.receptionists.form.opens')}
                  required
                  {...textLimits(ClockTime)}
                  value={span.from}
                  invalid={refusedAt(error, `hours.${day}.${i}.from`)}
                  onChange={(from) => setSpans(spans.with(i, { ...span, from }))}
                />
                <TextField
                  id={`receptionist-${day}-${i}-to`}
                  label={t('admin.receptionists.form.closes')}
                  required
                  {...textLimits(ClockTime)}
                  value={span.to}
                  invalid={refusedAt(error, `hours.${day}.${i}.to`)}
                  onChange={(to) => setSpans(spans.with(i, { ...span, to }))}
                />
                <button className="button" type="button" onClick={() => setSpans(spans.toSpliced(i, 1))}>
                  {t('admin.receptionists.form.removeSpan')}
                </button>
              </div>
            ))}
            {spans.length < MAX_SPANS && (
              <button
                className="button"
                type="button"
                onClick={() => setSpans([...spans, { from: '09:00', to: '17:00' }])}
              >
                {t('admin.receptionists.form.addSpan')}
              </button>
            )}
          </fieldset>
        );
      })}
    </fieldset>
  );
}
