import { useTranslation } from 'react-i18next';
import type { Codec } from '../../../../../common/api/trunks';
import { CODECS, toggled } from './trunk-keys';

/**
 * The codecs a trunk offers and accepts. The order is the preference: a codec ticked goes last,
 * and a trunk's saved order is kept as it was.
 */
export function CodecPicker({
  value,
  invalid,
  onChange,
}: {
  value: Codec[];
  invalid: boolean;
  onChange: (codecs: Codec[]) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="admin-fieldset stack" aria-invalid={invalid} aria-describedby="trunk-codecs-hint">
      <legend>{t('admin.trunks.codecs')}</legend>
      {CODECS.map((codec) => (
        <label key={codec} className="check">
          <input
            type="checkbox"
            checked={value.includes(codec)}
            onChange={(event) => onChange(toggled(value, codec, event.target.checked))}
          />
          {codec}
        </label>
      ))}
      <p id="trunk-codecs-hint" className="hint">
        {value.length > 0
          ? t('admin.trunks.codecsOrder', { codecs: value.join(', ') })
          : t('admin.trunks.codecsNone')}
      </p>
    </fieldset>
  );
}
