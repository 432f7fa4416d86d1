import { useTranslation } from 'react-i18next';
import { TrunkHost, TrunkRegistrationInput } from '../../../../../common/api/trunks';
import type { IpcError } from '../../../../../common/ipc/result';
import { PasswordField, TextField } from '../../../ui/Field';
import { numberLimits, textLimits } from '../../../ui/field-limits';
import { refused } from '../../../ui/FormDialog';

/** What a registration trunk registers as, kept as typed. */
export interface RegistrationDraft {
  username: string;
  authUsername: string;
  domain: string;
  expires: string;
  /** Empty: the saved password stays (it is never shown back). */
  password: string;
}

const FIELDS = TrunkRegistrationInput.properties;

/** A registration trunk's account at the carrier; the password is write-only. */
export function RegistrationFields({
  value,
  passwordSet,
  error,
  onChange,
}: {
  value: RegistrationDraft;
  /** The trunk has a password already: leaving the field empty keeps it. */
  passwordSet: boolean;
  error: IpcError | null;
  onChange: (draft: RegistrationDraft) => void;
}) {
  const { t } = useTranslation();
  const set = (key: keyof RegistrationDraft) => (text: string) => onChange({ ...value, [key]: text });
  return (
    <fieldset className="admin-fieldset stack">
      <legend>{t('admin.trunks.registration')}</legend>
      <TextField
        id="trunk-username"
        label={t('admin.trunks.username')}
        required
        autoComplete="off"
        {...textLimits(FIELDS.username)}
        value={value.username}
        invalid={refused(error, 'registration.username')}
        onChange={set('username')}
      />
      <TextField
        id="trunk-auth-username"
        label={t('admin.trunks.authUsername')}
        hint={t('admin.trunks.authUsernameHint')}
        autoComplete="off"
        // The same kind of name as the username (the schema's other is nullable).
        {...textLimits(FIELDS.username)}
        value={value.authUsername}
        invalid={refused(error, 'registration.authUsername')}
        onChange={set('authUsername')}
      />
      <TextField
        id="trunk-domain"
        label={t('admin.trunks.domain')}
        hint={t('admin.trunks.domainHint')}
        {...textLimits(TrunkHost)}
        value={value.domain}
        invalid={refused(error, 'registration.domain')}
        onChange={set('domain')}
      />
      <TextField
        id="trunk-expires"
        label={t('admin.trunks.expires')}
        type="number"
        required
        {...numberLimits(FIELDS.expires)}
        value={value.expires}
        invalid={refused(error, 'registration.expires')}
        onChange={set('expires')}
      />
      <PasswordField
        id="trunk-password"
        label={t('admin.trunks.password')}
        hint={passwordSet ? t('admin.trunks.passwordKept') : t('admin.trunks.passwordHint')}
        autoComplete="new-password"
        required={!passwordSet}
        value={value.password}
        invalid={refused(error, 'registration.password') || refused(error, 'registration')}
        onChange={set('password')}
      />
    </fieldset>
  );
}
