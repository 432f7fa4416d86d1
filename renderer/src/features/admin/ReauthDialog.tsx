import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignedInUser } from '../../../../common/api/auth';
import { useApi } from '../../app/api-context';
import { PasswordField } from '../../ui/Field';
import { FormDialog } from '../../ui/FormDialog';

/**
 * The elevated session ended: the same administrator signs in again without leaving the console.
 * Only they may carry on: were the office to answer with another person, nothing waiting is retried
 * (the app gives that person a fresh console of their own).
 */
export function ReauthDialog({
  admin,
  onDone,
}: {
  admin: Pick<SignedInUser, 'id' | 'email'>;
  onDone: (signedIn: boolean) => void;
}) {
  const login = admin.email;
  const { t } = useTranslation();
  const api = useApi();
  const [password, setPassword] = useState('');

  const signIn = async () => {
    const result = await api.auth.signIn({ login, password, scope: 'admin', remember: false });
    if (!result.ok) setPassword('');
    return result;
  };

  return (
    <FormDialog
      title={t('admin.reauth.title')}
      submitLabel={t('admin.reauth.submit')}
      save={signIn}
      onSaved={(session) => onDone(session.user.id === admin.id)}
      onCancel={() => onDone(false)}
    >
      {() => (
        <>
          <p>{t('admin.reauth.lead', { login })}</p>
          <PasswordField
            id="admin-reauth-password"
            label={t('admin.reauth.password')}
            autoComplete="current-password"
            required
            value={password}
            onChange={setPassword}
          />
        </>
      )}
    </FormDialog>
  );
}
