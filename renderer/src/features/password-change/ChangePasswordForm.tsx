// Changing one's own password at any time (Preferences): the current one, and the new one typed
// twice against the company's policy, as the forced change has it. The office then ends the
// person's other sessions; this one goes on.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignedInUser } from '../../../../common/api/auth';
import type { IpcError } from '../../../../common/ipc/result';
import { useApi } from '../../app/api-context';
import { useSubmit } from '../../app/use-ipc';
import { Announcer, InlineNotice, useFirstProblemInView, useScreenFeedback } from '../../ui/feedback';
import { PasswordField } from '../../ui/Field';
import { FormError } from '../../ui/FormError';
import type { NewPassword } from './NewPasswordFields';
import { NewPasswordSection, newPasswordSubmittable } from './NewPasswordSection';
import { isAboutNewPassword, passwordErrorKey } from './password-errors';
import { usePasswordPolicy } from './use-password-policy';
import './password-change.css';

/** A wrong current password is this form's, not a temporary one's. */
const wording = (error: IpcError) =>
  error.code === 'invalid_credentials' ? 'passwordChange.errors.wrongOwn' : passwordErrorKey(error);

export function ChangePasswordForm({ user }: { user: SignedInUser }) {
  const { t } = useTranslation();
  const api = useApi();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const { view: policy, reload } = usePasswordPolicy();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState<NewPassword>({ password: '', confirmation: '' });
  const [changed, setChanged] = useScreenFeedback<true>();
  const change = useSubmit(
    () => api.auth.changePassword({ body: { currentPassword: current, newPassword: next.password } }),
    () => {
      setCurrent('');
      setNext({ password: '', confirmation: '' });
      setChanged(true);
    },
  );
  useFirstProblemInView(form, change.error);

  const edit = (update: () => void) => {
    change.clear();
    setChanged(null);
    update();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void change.submit();
  };

  return (
    <form ref={form} className="preferences-card stack" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('passwordChange.ownTitle')}</h2>
      <FormError error={change.error} wording={wording} />
      <PasswordField
        id={`${id}-current`}
        label={t('passwordChange.ownCurrent')}
        autoComplete="current-password"
        required
        invalid={change.error?.code === 'invalid_credentials'}
        value={current}
        onChange={(value) => edit(() => setCurrent(value))}
      />
      <NewPasswordSection
        view={policy}
        reload={reload}
        value={next}
        onChange={(value) => edit(() => setNext(value))}
        owner={user}
        refused={isAboutNewPassword(change.error)}
      />
      <div className="preferences-buttons">
        <button
          className="button primary"
          type="submit"
          disabled={change.busy || current.length === 0 || !newPasswordSubmittable(policy, next, user)}
        >
          {change.busy ? t('passwordChange.submitting') : t('passwordChange.submit')}
        </button>
      </div>
      <Announcer text={changed && t('passwordChange.ownChanged')} />
      {changed && (
        <InlineNotice>
          <span aria-hidden="true">{t('passwordChange.ownChanged')}</span>
        </InlineNotice>
      )}
    </form>
  );
}
