import { useTranslation } from 'react-i18next';
import type { PasswordOwner } from '../../../../common/api/password-rules';
import { errorMessageKey } from '../../ui/error-message';
import { LoadingRows } from '../../ui/ScreenStates';
import { NewPasswordFields, newPasswordReady, type NewPassword } from './NewPasswordFields';
import type { PolicyView } from './use-password-policy';

export interface NewPasswordSectionProps {
  view: PolicyView;
  reload: () => void;
  value: NewPassword;
  onChange: (value: NewPassword) => void;
  owner: PasswordOwner;
  refused: boolean;
}

/** Whether the policy is known and the new password meets it, typed the same twice. */
export const newPasswordSubmittable = (view: PolicyView, value: NewPassword, owner: PasswordOwner) =>
  view.status === 'ready' && newPasswordReady(value, view.value, owner);

/** The new password fields once the policy is known; until then its loading or its error. */
export function NewPasswordSection({ view, reload, ...fields }: NewPasswordSectionProps) {
  const { t } = useTranslation();
  if (view.status === 'ready') return <NewPasswordFields policy={view.value} {...fields} />;
  if (view.status === 'loading')
    return <LoadingRows label={t('passwordChange.loadingPolicy')} rows={2} className="stack" />;
  return (
    <div className="alert" role="alert">
      {t('passwordChange.policyUnavailable')} {t(errorMessageKey(view.error))}{' '}
      <button type="button" className="link-button" onClick={reload}>
        {t('passwordChange.tryAgain')}
      </button>
    </div>
  );
}
