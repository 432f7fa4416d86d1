// The company's password policy, asked of the office once per form.
import type { PasswordPolicy } from '../../../../common/api/auth';
import { useApi } from '../../app/api-context';
import { useIpc, type IpcState } from '../../app/use-ipc';

export type PolicyView = IpcState<PasswordPolicy>;

export function usePasswordPolicy(): { view: PolicyView; reload: () => void } {
  const api = useApi();
  const [view, reload] = useIpc(() => api.auth.passwordPolicy({}), 'password-policy');
  return { view, reload };
}
