import { useTranslation } from 'react-i18next';
import type { ForwardRule } from '../../../../../common/api/preferences';

/** A template's forwarding rule: left to the user, off, or to an extension. */
export function ForwardRuleField({
  id,
  label,
  rule,
  onChange,
}: {
  id: string;
  label: string;
  rule: ForwardRule | undefined;
  onChange: (rule: ForwardRule | undefined) => void;
}) {
  const { t } = useTranslation();
  const choice = rule === undefined ? 'unset' : rule.enabled ? 'on' : 'off';
  return (
    <fieldset className="admin-choice">
      <legend>{label}</legend>
      <select
        id={id}
        aria-label={label}
        value={choice}
        onChange={(event) => {
          const next = event.target.value;
          onChange(next === 'unset' ? undefined : { enabled: next === 'on', target: rule?.target ?? null });
        }}
      >
        <option value="unset">{t('admin.templates.unset')}</option>
        <option value="off">{t('admin.common.off')}</option>
        <option value="on">{t('admin.templates.forwardTo')}</option>
      </select>
      {rule?.enabled && (
        <div className="field">
          <label htmlFor={`${id}-target`}>{t('admin.templates.forwardTarget')}</label>
          <input
            id={`${id}-target`}
            type="text"
            inputMode="numeric"
            required
            pattern="[0-9]{2,8}"
            maxLength={8}
            value={rule.target ?? ''}
            onChange={(event) => onChange({ enabled: true, target: event.target.value || null })}
          />
        </div>
      )}
    </fieldset>
  );
}
