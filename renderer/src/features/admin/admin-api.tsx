// The admin console's way to the office: the admin channels, each wrapped so that an ended
// elevated session asks for the password in place and then retries the same request. Panels
// stay mounted under the dialog, so nothing typed is lost.
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SignedInUser } from '../../../../common/api/auth';
import type { SwitchboardApi } from '../../../../common/ipc/contract';
import type { IpcErrorCode } from '../../../../common/ipc/result';
import { useApi } from '../../app/api-context';
import { ReauthDialog } from './ReauthDialog';

export type AdminApi = SwitchboardApi['admin'];

/** What main answers when the elevated session is gone: the office refused it, or main has none. */
const SESSION_ENDED: ReadonlySet<IpcErrorCode> = new Set([
  'session_expired',
  'unauthenticated',
  'not_signed_in',
]);

const AdminApiContext = createContext<AdminApi | null>(null);

export function useAdminApi(): AdminApi {
  const admin = useContext(AdminApiContext);
  if (!admin) throw new Error('useAdminApi outside <AdminApiProvider>');
  return admin;
}

type AskPassword = () => Promise<boolean>;

function withReauth(admin: AdminApi, askPassword: AskPassword): AdminApi {
  const wrapped = Object.entries(admin).map(([action, call]) => [
    action,
    async (request: unknown) => {
      for (;;) {
        const result = await (call as (request: unknown) => ReturnType<AdminApi['company']>)(request);
        if (result.ok || !SESSION_ENDED.has(result.error.code)) return result;
        if (!(await askPassword())) return result;
      }
    },
  ]);
  return Object.freeze(Object.fromEntries(wrapped)) as AdminApi;
}

export function AdminApiProvider({
  admin: signedIn,
  children,
}: {
  admin: SignedInUser;
  children: ReactNode;
}) {
  const api = useApi();
  const [asking, setAsking] = useState<((signedIn: boolean) => void) | null>(null);
  // Requests that fail together share one dialog.
  const waiting = useRef<Promise<boolean> | null>(null);

  const askPassword = useCallback<AskPassword>(() => {
    waiting.current ??= new Promise<boolean>((resolve) => setAsking(() => resolve)).finally(() => {
      waiting.current = null;
    });
    return waiting.current;
  }, []);

  const admin = useMemo(() => withReauth(api.admin, askPassword), [api, askPassword]);

  const finish = (signedIn: boolean) => {
    asking?.(signedIn);
    setAsking(null);
  };

  return (
    <AdminApiContext.Provider value={admin}>
      <div inert={asking !== null}>{children}</div>
      {asking && <ReauthDialog admin={signedIn} onDone={finish} />}
    </AdminApiContext.Provider>
  );
}
