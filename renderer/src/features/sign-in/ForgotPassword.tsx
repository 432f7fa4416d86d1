// Password recovery: ask for a code by extension or email, type the code from the mail, choose
// a new password. The office answers the request the same whether or not the account exists.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { IpcError } from '../../../../common/ipc/result';
import { useApi } from '../../app/api-context';
import { errorMessageKey } from '../../ui/error-message';
import type { NewPassword } from '../password-change/NewPasswordFields';
import { NewPasswordSection, newPasswordSubmittable } from '../password-change/NewPasswordSection';
import { isAboutNewPassword, passwordErrorKey } from '../password-change/password-errors';
import { usePasswordPolicy } from '../password-change/use-password-policy';

type Step = 'ask' | 'code' | 'done';

export interface ForgotPasswordProps {
  initialLogin: string;
  /** Back to sign-in, with the login used here. */
  onBack: (login: string) => void;
}

/** What the app can tell of the owner from the login alone, for the personal-part rule. */
const ownerFromLogin = (login: string) => ({
  name: '',
  email: login.includes('@') ? login : '',
  extension: /^[0-9]+$/.test(login) ? login : null,
});

export function ForgotPassword({ initialLogin, onBack }: ForgotPasswordProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { view: policy, reload } = usePasswordPolicy();
  const [step, setStep] = useState<Step>('ask');
  const [login, setLogin] = useState(initialLogin);
  const [code, setCode] = useState('');
  const [next, setNext] = useState<NewPassword>({ password: '', confirmation: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // Each step is a new page for a screen reader: its heading takes the focus.
  useEffect(() => heading.current?.focus(), [step]);

  const send = async <T,>(
    request: () => Promise<{ ok: true; value: T } | { ok: false; error: IpcError }>,
  ) => {
    setBusy(true);
    setError(null);
    const result = await request();
    setBusy(false);
    if (!result.ok) setError(result.error);
    return result.ok;
  };

  const ask = async (event: FormEvent) => {
    event.preventDefault();
    if (await send(() => api.auth.recoverPassword({ body: { login: login.trim() } }))) setStep('code');
  };

  const confirm = async (event: FormEvent) => {
    event.preventDefault();
    const body = { code: code.replace(/\s+/g, ''), newPassword: next.password };
    if (await send(() => api.auth.confirmRecovery({ body }))) setStep('done');
  };

  const alert = error && (
    <div className="alert" role="alert">
      {t(step === 'code' ? passwordErrorKey(error) : errorMessageKey(error))}
    </div>
  );
  const title = (
    <h1 ref={heading} tabIndex={-1}>
      {t('forgotPassword.title')}
    </h1>
  );

  if (step === 'done')
    return (
      <main className="screen-center">
        <section className="card stack">
          {title}
          <p className="notice" role="status">
            {t('forgotPassword.done')}
          </p>
          <button type="button" className="button primary" onClick={() => onBack(login.trim())}>
            {t('forgotPassword.backToSignIn')}
          </button>
        </section>
      </main>
    );

  if (step === 'ask')
    return (
      <main className="screen-center">
        <form className="card stack" onSubmit={(event) => void ask(event)}>
          <div>
            {title}
            <p className="lead">{t('forgotPassword.askLead')}</p>
          </div>
          {alert}
          <div className="field">
            <label htmlFor="forgot-login">{t('signIn.login')}</label>
            <input
              id="forgot-login"
              type="text"
              autoComplete="username"
              required
              maxLength={254}
              value={login}
              onChange={(event) => setLogin(event.target.value)}
            />
          </div>
          <div className="form-actions">
            <button className="button primary" type="submit" disabled={busy || login.trim().length === 0}>
              {busy ? t('forgotPassword.sending') : t('forgotPassword.send')}
            </button>
            <button type="button" className="button" onClick={() => onBack(login.trim())}>
              {t('forgotPassword.backToSignIn')}
            </button>
          </div>
        </form>
      </main>
    );

  const owner = ownerFromLogin(login.trim());
  return (
    <main className="screen-center">
      <form className="card stack" onSubmit={(event) => void confirm(event)}>
        <div>
          {title}
          <p className="lead">{t('forgotPassword.codeLead')}</p>
        </div>
        {alert}
        <div className="field">
          <label htmlFor="forgot-code">{t('forgotPassword.code')}</label>
          <input
            id="forgot-code"
            type="text"
            autoComplete="one-time-code"
            spellCheck={false}
            required
            maxLength={80}
            aria-invalid={error?.code === 'invalid_code'}
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
        </div>
        <NewPasswordSection
          view={policy}
          reload={reload}
          value={next}
          onChange={setNext}
          owner={owner}
          refused={isAboutNewPassword(error)}
        />
        <div className="form-actions">
          <button
            className="button primary"
            type="submit"
            disabled={busy || code.trim().length === 0 || !newPasswordSubmittable(policy, next, owner)}
          >
            {busy ? t('forgotPassword.saving') : t('forgotPassword.save')}
          </button>
          <button type="button" className="button" onClick={() => setStep('ask')}>
            {t('forgotPassword.sendAgain')}
          </button>
        </div>
      </form>
    </main>
  );
}
