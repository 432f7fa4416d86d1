// The softphone's registration as main reports it, and whether the office can be reached.
import { useEffect, useState } from 'react';
import type { Static } from 'typebox';
import type { RegistrationState } from '../../../../common/ipc/domains/registration';
import { useApi } from '../../app/api-context';
import { useIpc, type IpcState } from '../../app/use-ipc';

export type Registration = Static<typeof RegistrationState>;

/** The registration main last reported, and when it said so (for the countdown to its next attempt). */
export interface Reported {
  registration: Registration;
  at: number;
}

export function useRegistration(): { view: IpcState<Reported>; offline: boolean } {
  const api = useApi();
  const [offline, setOffline] = useState(false);
  const reported = (registration: Registration): Reported => ({ registration, at: Date.now() });
  const [view] = useIpc(
    async () => {
      const result = await api.registration.state({});
      return result.ok ? { ok: true, value: reported(result.value) } : result;
    },
    'registration',
    (update) => api.registration.onStateChanged((registration) => update(reported(registration))),
  );

  useEffect(() => api.app.onConnectionChanged(({ state }) => setOffline(state === 'offline')), [api]);

  return { view, offline };
}
