// The company's password policy, asked of the office once per form.
import { useEffect, useState } from 'react';
import type { PasswordPolicy } from '../../../../common/api/auth';
import type { IpcError } from '../../../../common/ipc/result';
import { useApi } from '../../app/api-context';

export type PolicyView =
  { status: 'loading' } | { status: 'error'; error: IpcError } | { status: 'ready'; policy: PasswordPolicy };

export function usePasswordPolicy(): { view: PolicyView; reload: () => void } {
  const api = useApi();
  const [view, setView] = useState<PolicyView>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    void api.auth.passwordPolicy({}).then((result) => {
      if (live)
        setView(
          result.ok ? { status: 'ready', policy: result.value } : { status: 'error', error: result.error },
        );
    });
    return () => {
      live = false;
    };
  }, [api, attempt]);

  return {
    view,
    reload: () => {
      setView({ status: 'loading' });
      setAttempt((count) => count + 1);
    },
  };
}
