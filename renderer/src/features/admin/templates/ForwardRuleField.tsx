import { useTranslation } from 'react-i18next';
import type { ForwardRule } from '../../../../../common/api/preferences';
import { ExtensionField } from '../ExtensionField';

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
        <ExtensionField
          id={`${id}-target`}
          label={t('admin.templates.forwardTarget')}
          required
          value={rule.target ?? ''}
          onChange={(target) => onChange({ enabled: true, target: target || null })}
        />
      )}
    </fieldset>
  );
}
