// The forced change after signing in with a temporary password: nothing else opens until the
// person has chosen their own. Render it instead of the signed-in app while
// `session.mustChangePassword`; once the office accepts the new password main announces the
// session without that flag (auth:session-changed), and the app carries on from there.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import type { Session } from '../../../../common/ipc/domains/auth';
import type { IpcError } from '../../../../common/ipc/result';
import { useApi } from '../../app/api-context';
import type { NewPassword } from './NewPasswordFields';
import { NewPasswordSection, newPasswordSubmittable } from './NewPasswordSection';
import { isAboutNewPassword, passwordErrorKey } from './password-errors';
import { usePasswordPolicy } from './use-password-policy';

export function ForcedPasswordChange({ session }: { session: Static<typeof Session> }) {
  const { t } = useTranslation();
  const api = useApi();
  const { view: policy, reload } = usePasswordPolicy();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState<NewPassword>({ password: '', confirmation: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [changed, setChanged] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const { user } = session;

  useEffect(() => heading.current?.focus(), []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await api.auth.changePassword({
      body: { currentPassword: current, newPassword: next.password },
    });
    setBusy(false);
    if (result.ok) setChanged(true);
    else {
      setError(result.error);
      if (result.error.code === 'invalid_credentials') setCurrent('');
    }
  };

  return (
    <main className="screen-center">
      <form
        className="card stack"
        onSubmit={(event) => void submit(event)}
        aria-labelledby="forced-change-title"
      >
        <div>
          <h1 id="forced-change-title" ref={heading} tabIndex={-1}>
            {t('passwordChange.title')}
          </h1>
          <p className="lead">{t('passwordChange.lead', { name: user.name })}</p>
        </div>
        {changed && (
          <p className="notice" role="status">
            {t('passwordChange.changed')}
          </p>
        )}
        {error && (
          <div className="alert" role="alert">
            {t(passwordErrorKey(error))}
          </div>
        )}
        <div className="field">
          <label htmlFor="forced-change-current">{t('passwordChange.currentPassword')}</label>
          <input
            id="forced-change-current"
            type="password"
            autoComplete="current-password"
            required
            maxLength={256}
            aria-invalid={error?.code === 'invalid_credentials'}
            value={current}
            onChange={(event) => setCurrent(event.target.value)}
          />
        </div>
        <NewPasswordSection
          view={policy}
          reload={reload}
          value={next}
          onChange={setNext}
          owner={user}
          refused={isAboutNewPassword(error)}
        />
        <div className="form-actions">
          <button
            className="button primary"
            type="submit"
            disabled={busy || changed || current.length === 0 || !newPasswordSubmittable(policy, next, user)}
          >
            {busy ? t('passwordChange.submitting') : t('passwordChange.submit')}
          </button>
          <button type="button" className="button" onClick={() => void api.auth.signOut({})}>
            {t('passwordChange.signOut')}
          </button>
        </div>
      </form>
    </main>
  );
}
