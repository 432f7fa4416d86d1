import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import type { SessionEndReason } from '../../../../common/api/auth';
import { SignInRequest, type SignInResult } from '../../../../common/ipc/domains/auth';
import { useApi } from '../../app/api-context';
import { useIpc, useSubmit } from '../../app/use-ipc';
import { PasswordField, TextField } from '../../ui/Field';
import { textLimits } from '../../ui/field-limits';
import { FormError } from '../../ui/FormError';
import { PhoneCountryField } from '../../ui/LocaleFields';
import { ForgotPassword } from './ForgotPassword';
import { OfficePicker } from './OfficePicker';
import { sessionEndedKey } from './session-ended';
import '../password-change/password-change.css';
import './sign-in.css';

export interface SignInProps {
  /** The last login typed on this computer, to save retyping. */
  initialLogin: string;
  /** Whether "Keep me signed in" starts ticked (the last choice on this computer); ticked by default. */
  initialRemember?: boolean;
  /** The office ended the last session, for this reason: said until the next try. */
  endedByOffice?: { reason: SessionEndReason | null };
  /** A recovery code from the mail's link: the screen opens on password recovery with it. */
  recoveryCode?: string;
  /** With `staySignedIn` saying whether "Keep me signed in" could be honoured on this computer. */
  onSignedIn: (signedIn: Static<typeof SignInResult>) => void;
}

export function SignIn({
  initialLogin,
  initialRemember = true,
  endedByOffice,
  recoveryCode,
  onSignedIn,
}: SignInProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [login, setLogin] = useState(initialLogin);
  const [password, setPassword] = useState('');
  const [elevated, setElevated] = useState(false);
  const [remember, setRemember] = useState(initialRemember);
  const [forgot, setForgot] = useState(recoveryCode !== undefined);
  // The company's country once the office says it, unless the person picked one already.
  const [country, setCountry] = useState<string | null>(null);
  const [options] = useIpc(() => api.auth.signInOptions({}), 'sign-in-options');
  const companyCountry = options.status === 'ready' ? options.value.country : '';
  useEffect(() => {
    if (companyCountry) setCountry((picked) => picked ?? companyCountry);
  }, [companyCountry]);
  const phoneCountry = country ?? '';
  const errorId = useId();
  const signIn = useSubmit(async () => {
    const result = await api.auth.signIn({
      login: login.trim(),
      ...(phoneCountry && { country: phoneCountry }),
      password,
      scope: elevated ? 'admin' : 'user',
      // An elevated session is never remembered: it ends after the admin idle limit.
      remember: remember && !elevated,
    });
    if (!result.ok) setPassword('');
    return result;
  }, onSignedIn);
  const { busy, error } = signIn;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void signIn.submit();
  };

  if (forgot)
    return (
      <ForgotPassword
        initialLogin={login.trim()}
        initialCode={recoveryCode}
        onBack={(used) => {
          if (used) setLogin(used);
          signIn.clear();
          setForgot(false);
        }}
      />
    );

  return (
    <main className="screen-center">
      <form className="card stack" onSubmit={submit} aria-describedby={error ? errorId : undefined}>
        <div>
          <h1>{t('signIn.title')}</h1>
          <p className="lead">{t('signIn.lead')}</p>
        </div>
        <OfficePicker />
        {endedByOffice && !error && !busy && (
          <p className="notice" role="status">
            {t(sessionEndedKey(endedByOffice.reason))}
          </p>
        )}
        <FormError error={error} id={errorId} />
        <TextField
          id="sign-in-login"
          label={t('signIn.loginWithPhone')}
          autoComplete="username"
          inputMode="email"
          required
          {...textLimits(SignInRequest.properties.login)}
          value={login}
          invalid={error?.code === 'invalid_credentials'}
          onChange={setLogin}
        />
        <PhoneCountryField
          id="sign-in-country"
          label={t('signIn.phoneCountry')}
          hint={t('signIn.phoneCountryHint')}
          value={phoneCountry}
          onChange={setCountry}
        />
        <PasswordField
          id="sign-in-password"
          label={t('signIn.password')}
          autoComplete="current-password"
          required
          value={password}
          invalid={error?.code === 'invalid_credentials'}
          onChange={setPassword}
        />
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
