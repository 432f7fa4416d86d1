import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import type { Session } from '../../../../common/ipc/domains/auth';
import type { IpcError } from '../../../../common/ipc/result';
import { useApi } from '../../app/api-context';
import { errorMessageKey } from '../../ui/error-message';
import { ForgotPassword } from './ForgotPassword';
import { OfficePicker } from './OfficePicker';
import '../password-change/password-change.css';
import './sign-in.css';

export interface SignInProps {
  /** The last login typed on this computer, to save retyping. */
  initialLogin: string;
  /** The office ended the last session (idle, or revoked): said until the next try. */
  endedByOffice?: boolean;
  onSignedIn: (session: Static<typeof Session>) => void;
}

export function SignIn({ initialLogin, endedByOffice = false, onSignedIn }: SignInProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [login, setLogin] = useState(initialLogin);
  const [password, setPassword] = useState('');
  const [elevated, setElevated] = useState(false);
  const [remember, setRemember] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [forgot, setForgot] = useState(false);
  const errorId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await api.auth.signIn({
      login: login.trim(),
      password,
      scope: elevated ? 'admin' : 'user',
      // An elevated session is never remembered: it ends after the admin idle limit.
      remember: remember && !elevated,
    });
    setBusy(false);
    if (result.ok) onSignedIn(result.value);
    else {
      setPassword('');
      setError(result.error);
    }
  };

  if (forgot)
    return (
      <ForgotPassword
        initialLogin={login.trim()}
        onBack={(used) => {
          if (used) setLogin(used);
          setError(null);
          setForgot(false);
        }}
      />
    );

  return (
    <main className="screen-center">
      <form
        className="card stack"
        onSubmit={(event) => void submit(event)}
        aria-describedby={error ? errorId : undefined}
      >
        <div>
          <h1>{t('signIn.title')}</h1>
          <p className="lead">{t('signIn.lead')}</p>
        </div>
        <OfficePicker />
        {endedByOffice && !error && !busy && (
          <p className="notice" role="status">
            {t('signIn.sessionEnded')}
          </p>
        )}
        {error && (
          <div className="alert" role="alert" id={errorId}>
            {t(errorMessageKey(error))}
          </div>
        )}
        <div className="field">
          <label htmlFor="sign-in-login">{t('signIn.login')}</label>
          <input
            id="sign-in-login"
            type="text"
            autoComplete="username"
            inputMode="email"
            required
            maxLength={254}
            value={login}
            aria-invalid={error?.code === 'invalid_credentials'}
            onChange={(event) => setLogin(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="sign-in-password">{t('signIn.password')}</label>
          <input
            id="sign-in-password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={128}
            value={password}
            aria-invalid={error?.code === 'invalid_credentials'}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <label className="check">
          <input type="checkbox" checked={elevated} onChange={(event) => setElevated(event.target.checked)} />
          {t('signIn.asAdministrator')}
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={remember && !elevated}
            disabled={elevated}
            aria-describedby={elevated ? 'sign-in-elevated-note' : undefined}
            onChange={(event) => setRemember(event.target.checked)}
          />
          {t('signIn.remember')}
        </label>
        {elevated && (
          <p className="hint" id="sign-in-elevated-note">
            {t('signIn.elevatedNotRemembered')}
          </p>
        )}
        <button className="button primary" type="submit" disabled={busy}>
          {busy ? t('signIn.submitting') : t('signIn.submit')}
        </button>
        <button type="button" className="link-button" onClick={() => setForgot(true)}>
          {t('forgotPassword.link')}
        </button>
      </form>
    </main>
  );
}
