import { useTranslation } from 'react-i18next';
import './rule-list.css';

export interface Rule {
  key: string;
  met: boolean;
  /** What the rule asks, in words. */
  text: string;
}

/**
 * Rules a value must meet (a new password's, a PIN's) as a checklist that follows the typing:
 * neutral until typing starts, then each met or not, said in words to screen readers too.
 */
export function RuleList({
  id,
  label,
  rules,
  typed,
}: {
  id: string;
  label: string;
  rules: Rule[];
  typed: boolean;
}) {
  const { t } = useTranslation();
  return (
    <ul className="rule-list" id={id} aria-label={label}>
      {rules.map((rule) => (
        <li key={rule.key} className={rule.met ? 'met' : typed ? 'unmet' : undefined}>
          <span aria-hidden="true">{rule.met ? '✓' : '•'}</span> {rule.text}
          <span className="visually-hidden">
            {rule.met ? t('passwordChange.rules.met') : t('passwordChange.rules.notMet')}
          </span>
        </li>
      ))}
    </ul>
  );
}
