import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { brokenPasswordRules, type PasswordOwner } from '../../../../common/api/password-rules';
import type { PasswordPolicy } from '../../../../common/api/auth';
import { PasswordField } from '../../ui/Field';
import { RuleList } from '../../ui/RuleList';
import './password-change.css';

export interface NewPassword {
  password: string;
  confirmation: string;
}

/** Whether the new password meets every rule the app can check and is typed the same twice. */
export const newPasswordReady = (value: NewPassword, policy: PasswordPolicy, owner: PasswordOwner) =>
  brokenPasswordRules(value.password, policy.minLength, owner).length === 0 &&
  value.password === value.confirmation;

export interface NewPasswordFieldsProps {
  value: NewPassword;
  onChange: (value: NewPassword) => void;
  policy: PasswordPolicy;
  /** Whose password: it may not contain their name, email or extension. */
  owner: PasswordOwner;
  /** The office refused the password on submit (a common one, say): the field is marked. */
  refused: boolean;
}

/** New password and its confirmation, with the policy as a checklist that follows the typing. */
export function NewPasswordFields({ value, onChange, policy, owner, refused }: NewPasswordFieldsProps) {
  const { t } = useTranslation();
  const id = useId();
  const broken = new Set(brokenPasswordRules(value.password, policy.minLength, owner).map((b) => b.rule));
  const typed = value.password.length > 0;
  const rules = [
    {
      key: 'length',
      met: !broken.has('too_short') && !broken.has('too_long'),
      text: t('passwordChange.rules.length', { min: policy.minLength }),
    },
    { key: 'mix', met: !broken.has('letters_and_digits'), text: t('passwordChange.rules.lettersAndDigits') },
    { key: 'personal', met: !broken.has('personal'), text: t('passwordChange.rules.notPersonal') },
    {
      key: 'match',
      met: value.confirmation.length > 0 && value.confirmation === value.password,
      text: t('passwordChange.rules.match'),
    },
  ];

  return (
    <>
      <PasswordField
        id={`${id}-new`}
        label={t('passwordChange.newPassword')}
        autoComplete="new-password"
        required
        describedBy={`${id}-rules`}
        invalid={refused || (typed && broken.size > 0)}
        value={value.password}
        onChange={(password) => onChange({ ...value, password })}
      />
      <PasswordField
        id={`${id}-confirm`}
        label={t('passwordChange.confirmPassword')}
        autoComplete="new-password"
        required
        invalid={value.confirmation.length > 0 && value.confirmation !== value.password}
        value={value.confirmation}
        onChange={(confirmation) => onChange({ ...value, confirmation })}
      />
      <RuleList id={`${id}-rules`} label={t('passwordChange.rules.title')} rules={rules} typed={typed} />
      <p className="hint">{t('passwordChange.rules.commonNote')}</p>
    </>
  );
}
