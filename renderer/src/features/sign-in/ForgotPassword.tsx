// Password recovery: ask for a code by extension or email, type the code from the mail, choose
// a new password. The office answers the request the same whether or not the account exists.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PasswordRecoveryConfirm, PasswordRecoveryRequest } from '../../../../common/api/auth';
import { useApi } from '../../app/api-context';
import { useSubmit } from '../../app/use-ipc';
import { TextField } from '../../ui/Field';
import { schemaLimits, textLimits } from '../../ui/field-limits';
import { FormError } from '../../ui/FormError';
import type { NewPassword } from '../password-change/NewPasswordFields';
import { NewPasswordSection, newPasswordSubmittable } from '../password-change/NewPasswordSection';
import { isAboutNewPassword, passwordErrorKey } from '../password-change/password-errors';
import { usePasswordPolicy } from '../password-change/use-password-policy';

type Step = 'ask' | 'code' | 'done';

export interface ForgotPasswordProps {
  initialLogin: string;
  /** A code from the mail's link (switchboard://recover): the screen opens on it, filled in. */
  initialCode?: string;
  /** Back to sign-in, with the login used here. */
  onBack: (login: string) => void;
}

/** What the app can tell of the owner from the login alone, for the personal-part rule. */
const ownerFromLogin = (login: string) => ({
  name: '',
  email: login.includes('@') ? login : '',
  extension: /^[0-9]+$/.test(login) ? login : null,
});

export function ForgotPassword({ initialLogin, initialCode, onBack }: ForgotPasswordProps) {
  const { t } = useTranslation();
  const api = useApi();
  const { view: policy, reload } = usePasswordPolicy();
  const [step, setStep] = useState<Step>(initialCode === undefined ? 'ask' : 'code');
  const [login, setLogin] = useState(initialLogin);
  const [code, setCode] = useState(initialCode ?? '');
  const [next, setNext] = useState<NewPassword>({ password: '', confirmation: '' });
  const heading = useRef<HTMLHeadingElement>(null);
  const asking = useSubmit(
    () => api.auth.recoverPassword({ body: { login: login.trim() } }),
    () => setStep('code'),
  );
  const confirming = useSubmit(
    () => api.auth.confirmRecovery({ body: { code: code.replace(/\s+/g, ''), newPassword: next.password } }),
    () => setStep('done'),
  );

  // Each step is a new page for a screen reader: its heading takes the focus.
  useEffect(() => heading.current?.focus(), [step]);

  const ask = (event: FormEvent) => {
    event.preventDefault();
    void asking.submit();
  };

  const confirm = (event: FormEvent) => {
    event.preventDefault();
    void confirming.submit();
  };

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
        <form className="card stack" onSubmit={ask}>
          <div>
            {title}
            <p className="lead">{t('forgotPassword.askLead')}</p>
          </div>
          <FormError error={asking.error} />
          <TextField
            id="forgot-login"
            label={t('signIn.login')}
            autoComplete="username"
            required
            {...textLimits(PasswordRecoveryRequest.properties.login)}
            value={login}
            onChange={setLogin}
          />
          <div className="form-actions">
            <button
              className="button primary"
              type="submit"
              disabled={asking.busy || login.trim().length === 0}
            >
              {asking.busy ? t('forgotPassword.sending') : t('forgotPassword.send')}
            </button>
            <button type="button" className="button" onClick={() => onBack(login.trim())}>
              {t('forgotPassword.backToSignIn')}
            </button>
          </div>
          <button type="button" className="link-button" onClick={() => setStep('code')}>
            {t('forgotPassword.haveCode')}
          </button>
        </form>
      </main>
    );

  const owner = ownerFromLogin(login.trim());
  return (
    <main className="screen-center">
      <form className="card stack" onSubmit={confirm}>
        <div>
          {title}
          <p className="lead">{t('forgotPassword.codeLead')}</p>
        </div>
        <FormError error={confirming.error} wording={passwordErrorKey} />
        <TextField
          id="forgot-code"
          label={t('forgotPassword.code')}
          autoComplete="one-time-code"
          spellCheck={false}
          required
          // Spaces a mail reader puts in the code are dropped before it is sent: only its length holds.
          maxLength={schemaLimits(PasswordRecoveryConfirm.properties.code).maxLength}
          invalid={confirming.error?.code === 'invalid_code'}
          value={code}
          onChange={setCode}
        />
        <NewPasswordSection
          view={policy}
          reload={reload}
          value={next}
          onChange={setNext}
          owner={owner}
          refused={isAboutNewPassword(confirming.error)}
        />
        <div className="form-actions">
          <button
            className="button primary"
            type="submit"
            disabled={
              confirming.busy || code.trim().length === 0 || !newPasswordSubmittable(policy, next, owner)
            }
          >
            {confirming.busy ? t('forgotPassword.saving') : t('forgotPassword.save')}
          </button>
          <button type="button" className="button" onClick={() => setStep('ask')}>
            {t('forgotPassword.sendAgain')}
          </button>
        </div>
      </form>
    </main>
  );
}
