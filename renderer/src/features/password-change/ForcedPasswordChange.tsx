// The forced change after signing in with a temporary password: nothing else opens until the
// person has chosen their own. Render it instead of the signed-in app while
// `session.mustChangePassword`; once the office accepts the new password main announces the
// session without that flag (auth:session-changed), and the app carries on from there.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import type { Session } from '../../../../common/ipc/domains/auth';
import { useApi } from '../../app/api-context';
import { useSubmit } from '../../app/use-ipc';
import { PasswordField } from '../../ui/Field';
import { FormError } from '../../ui/FormError';
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
  const [changed, setChanged] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const { user } = session;
  const change = useSubmit(
    async () => {
      const result = await api.auth.changePassword({
        body: { currentPassword: current, newPassword: next.password },
      });
      if (!result.ok && result.error.code === 'invalid_credentials') setCurrent('');
      return result;
    },
    () => setChanged(true),
  );
  const { busy, error } = change;

  useEffect(() => heading.current?.focus(), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void change.submit();
  };

  return (
    <main className="screen-center">
      <form className="card stack" onSubmit={submit} aria-labelledby="forced-change-title">
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
        <FormError error={error} wording={passwordErrorKey} />
        <PasswordField
          id="forced-change-current"
          label={t('passwordChange.currentPassword')}
          autoComplete="current-password"
          required
          invalid={error?.code === 'invalid_credentials'}
          value={current}
          onChange={setCurrent}
        />
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
