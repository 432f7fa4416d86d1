import { useTranslation } from 'react-i18next';
import { errorMessageKey } from '../../ui/error-message';
import type { PolicyView } from './use-password-policy';

/** While the password policy loads, or when it cannot be read; nothing once it is there. */
export function PolicyStatus({ view, reload }: { view: PolicyView; reload: () => void }) {
  const { t } = useTranslation();
  if (view.status === 'loading')
    return (
      <div className="stack" aria-busy="true" aria-label={t('passwordChange.loadingPolicy')}>
        <div className="skeleton" />
        <div className="skeleton" />
      </div>
    );
  if (view.status === 'error')
    return (
      <div className="alert" role="alert">
        {t('passwordChange.policyUnavailable')} {t(errorMessageKey(view.error))}{' '}
        <button type="button" className="link-button" onClick={reload}>
          {t('passwordChange.tryAgain')}
        </button>
      </div>
    );
  return null;
}
