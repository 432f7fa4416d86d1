import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../app/api-context';
import { errorMessageKey } from '../../ui/error-message';
import { useNow } from './use-now';
import { useRegistration, type Registration } from './use-registration';
import './registration.css';

const REASON_KEYS: Record<NonNullable<Registration['reason']>, string> = {
  'no-network': 'softphone.reason.noNetwork',
  'wrong-password': 'softphone.reason.wrongPassword',
  'server-unreachable': 'softphone.reason.serverUnreachable',
  'no-softphone': 'softphone.reason.noSoftphone',
};

const STATE_KEYS: Record<Registration['state'], string> = {
  registered: 'softphone.state.registered',
  registering: 'softphone.state.registering',
  unregistered: 'softphone.state.unregistered',
  failed: 'softphone.state.failed',
};

/**
 * The dot and word at the top of the app (UI.md: always visible), with why the softphone is not
 * registered, the countdown to main's next attempt, and a way to retry now.
 */
export function RegistrationStatus() {
  const { t } = useTranslation();
  const api = useApi();
  const { view, offline } = useRegistration();
  const registration = view.status === 'ready' ? view.value.registration : null;
  const now = useNow(registration?.retryInSeconds != null);
  const [retrying, setRetrying] = useState(false);

  const tone = offline
    ? 'offline'
    : (registration?.state ?? (view.status === 'error' ? 'failed' : 'registering'));
  const word =
    view.status === 'loading'
      ? t('softphone.state.checking')
      : offline
        ? t('softphone.state.offline')
        : registration
          ? t(STATE_KEYS[registration.state])
          : t('softphone.state.failed');

  const reason = (() => {
    if (view.status === 'error') return t(errorMessageKey(view.error));
    if (offline) return t('softphone.reason.offline');
    if (!registration || registration.state === 'registered') return null;
    const why = registration.reason ? t(REASON_KEYS[registration.reason]) : null;
    if (registration.retryInSeconds === null) return why;
    const seconds = Math.max(
      0,
      registration.retryInSeconds -
        Math.floor((now - (view.status === 'ready' ? view.value.at : now)) / 1000),
    );
    const countdown = t('softphone.retryingIn', { seconds });
    return why ? `${why}, ${countdown}` : countdown;
  })();
  const canRetry =
    registration !== null &&
    registration.state !== 'registered' &&
    registration.state !== 'registering' &&
    registration.reason !== 'no-softphone';

  return (
    <div className="registration" data-state={tone} role="status" aria-live="polite">
      <span className={`registration-dot ${tone}`} aria-hidden="true" />
      <span className="registration-word">{word}</span>
      {reason && <span className="registration-reason">{reason}</span>}
      {canRetry && (
        <button
          type="button"
          className="button small"
          disabled={retrying}
          onClick={() => {
            setRetrying(true);
            void api.registration.retry({}).finally(() => setRetrying(false));
          }}
        >
          {t('softphone.retryNow')}
        </button>
      )}
    </div>
  );
}
