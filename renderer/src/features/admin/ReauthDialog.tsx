import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignedInUser } from '../../../../common/api/auth';
import type { IpcError } from '../../../../common/ipc/result';
import { useApi } from '../../app/api-context';
import { errorMessageKey } from '../../ui/error-message';
import { Dialog } from './Dialog';

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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await api.auth.signIn({ login, password, scope: 'admin', remember: false });
    setBusy(false);
    if (result.ok) onDone(result.value.user.id === admin.id);
    else {
      setPassword('');
      setError(result.error);
    }
  };

  return (
    <Dialog title={t('admin.reauth.title')} onClose={() => onDone(false)}>
      <form className="stack" onSubmit={(event) => void submit(event)}>
        <p>{t('admin.reauth.lead', { login })}</p>
        {error && (
          <div className="alert" role="alert">
            {t(errorMessageKey(error))}
          </div>
        )}
        <div className="field">
          <label htmlFor="admin-reauth-password">{t('admin.reauth.password')}</label>
          <input
            id="admin-reauth-password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={128}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <div className="admin-actions">
          <button className="button" type="button" onClick={() => onDone(false)}>
            {t('admin.common.cancel')}
          </button>
          <button className="button primary" type="submit" disabled={busy}>
            {t('admin.reauth.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
