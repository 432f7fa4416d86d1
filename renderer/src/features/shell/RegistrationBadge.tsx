import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Static } from 'typebox';
import type { RegistrationState } from '../../../../common/ipc/domains/registration';
import { useApi } from '../../app/api-context';

type Registration = Static<typeof RegistrationState>;

const STATE_KEYS: Record<Registration['state'], string> = {
  registered: 'shell.registration.registered',
  registering: 'shell.registration.registering',
  unregistered: 'shell.registration.unregistered',
  failed: 'shell.registration.failed',
};

const REASON_KEYS: Record<NonNullable<Registration['reason']>, string> = {
  'no-network': 'shell.registration.noNetwork',
  'wrong-password': 'shell.registration.wrongPassword',
  'server-unreachable': 'shell.registration.serverUnreachable',
  'no-softphone': 'shell.registration.noSoftphone',
};

/** A dot and a word, and why when not registered: always in the header. */
export function RegistrationBadge() {
  const { t } = useTranslation();
  const api = useApi();
  const [registration, setRegistration] = useState<Registration | null>(null);

  useEffect(() => {
    let live = true;
    void api.registration.state({}).then((result) => {
      if (live && result.ok) setRegistration((current) => current ?? result.value);
    });
    const unsubscribe = api.registration.onStateChanged(setRegistration);
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api]);

  const state = registration?.state ?? 'registering';
  const why = registration?.reason ? t(REASON_KEYS[registration.reason]) : null;
  const reason =
    why && registration?.retryInSeconds != null
      ? t('shell.registration.retrying', { reason: why, seconds: registration.retryInSeconds })
      : why;
  return (
    <p className="registration-badge" data-state={state} role="status">
      <span className="registration-dot" aria-hidden="true" />
      <span>{t(STATE_KEYS[state])}</span>
      {reason && <span className="registration-reason">{reason}</span>}
    </p>
  );
}
