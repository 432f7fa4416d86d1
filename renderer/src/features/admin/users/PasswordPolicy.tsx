import { useTranslation } from 'react-i18next';
import { brokenPasswordRule, type PasswordOwner } from '../../../../../common/api/password-rules';

/**
 * The company's password rules checked as the admin types (the office also refuses common
 * passwords, which needs its dictionary: that refusal arrives when the form is sent).
 */
export function PasswordPolicy({
  id,
  password,
  minLength,
  owner,
}: {
  id: string;
  password: string;
  minLength: number;
  owner: PasswordOwner;
}) {
  const { t } = useTranslation();
  const broken = brokenPasswordRule(password, minLength, owner);
  let message: string;
  if (!broken) message = t('admin.password.ok');
  else if (broken.rule === 'too_short') message = t('admin.password.tooShort', { min: broken.minLength });
  else if (broken.rule === 'too_long') message = t('admin.password.tooLong', { max: broken.maxLength });
  else if (broken.rule === 'letters_and_digits') message = t('admin.password.lettersAndDigits');
  else message = t('admin.password.personal', { part: broken.part });
  return (
    <p id={id} className={broken ? 'hint' : 'hint admin-ok'} aria-live="polite">
      {password === '' ? t('admin.password.rules', { min: minLength }) : message}
    </p>
  );
}

/** Whether a password typed in the console meets the rules the app can check. */
export const meetsPolicy = (password: string, minLength: number, owner: PasswordOwner) =>
  brokenPasswordRule(password, minLength, owner) === null;
