// The softphone's registration as main reports it, and whether the office can be reached.
import { useEffect, useState } from 'react';
import type { Static } from 'typebox';
import type { RegistrationState } from '../../../../common/ipc/domains/registration';
import type { IpcError } from '../../../../common/ipc/result';
import { useApi } from '../../app/api-context';

export type Registration = Static<typeof RegistrationState>;

export type RegistrationView =
  | { status: 'loading' }
  | { status: 'error'; error: IpcError }
  /** `at`: when main said so, for the countdown to its next attempt. */
  | { status: 'known'; registration: Registration; at: number };

export function useRegistration(): { view: RegistrationView; offline: boolean } {
  const api = useApi();
  const [view, setView] = useState<RegistrationView>({ status: 'loading' });
  const [offline, setOffline] = useState(false);

  useEffect(() => {
    let live = true;
    let heard = false;
    const unsubscribe = [
      api.registration.onStateChanged((registration) => {
        heard = true;
        setView({ status: 'known', registration, at: Date.now() });
      }),
      api.app.onConnectionChanged(({ state }) => setOffline(state === 'offline')),
    ];
    void api.registration.state({}).then((result) => {
      // An event that arrived while asking is newer than the answer.
      if (!live || heard) return;
      setView(
        result.ok
          ? { status: 'known', registration: result.value, at: Date.now() }
          : { status: 'error', error: result.error },
      );
    });
    return () => {
      live = false;
      unsubscribe.forEach((stop) => stop());
    };
  }, [api]);

  return { view, offline };
}
