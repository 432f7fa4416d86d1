// An elevated session's way to the office. The office ends it after a few idle minutes; every
// request of the app's (console, call log, voicemail, preferences) is wrapped so that an ended
// session asks for the password in place and then retries the same request. Screens stay mounted
// under the dialog, so nothing typed is lost.
import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import type { SignedInUser } from '../../../../common/api/auth';
import { CONTRACT, type SwitchboardApi } from '../../../../common/ipc/contract';
import type { IpcErrorCode, IpcResult } from '../../../../common/ipc/result';
import { ApiContext, useApi } from '../../app/api-context';
import { ReauthDialog } from './ReauthDialog';

/**
 * What main answers once the office ended the elevated session (main then holds it locked until
 * the password). Only the office's refusals: a channel main answers itself never asks for it.
 */
const SESSION_ENDED: ReadonlySet<IpcErrorCode> = new Set(['session_expired', 'unauthenticated']);

type AskPassword = () => Promise<boolean>;
type Request = (request: unknown) => Promise<IpcResult<unknown>>;

/** Every request of every domain, retried after the password; the event listeners as they are. */
function withReauth(api: SwitchboardApi, askPassword: AskPassword): SwitchboardApi {
  const retried =
    (call: Request): Request =>
    async (request) => {
      for (;;) {
        const result = await call(request);
        if (result.ok || !SESSION_ENDED.has(result.error.code)) return result;
        if (!(await askPassword())) return result;
      }
    };
  const domains = Object.entries(CONTRACT).map(([domain, spec]) => {
    const functions = api[domain as keyof SwitchboardApi] as unknown as Record<string, Request>;
    const requests = Object.keys(spec.requests).map((name) => [name, retried(functions[name] as Request)]);
    return [domain, Object.freeze({ ...functions, ...Object.fromEntries(requests) })];
  });
  return Object.freeze(Object.fromEntries(domains)) as SwitchboardApi;
}

export function ElevatedSession({ admin, children }: { admin: SignedInUser; children: ReactNode }) {
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

  const wrapped = useMemo(() => withReauth(api, askPassword), [api, askPassword]);

  const finish = (signedIn: boolean) => {
    asking?.(signedIn);
    setAsking(null);
  };

  return (
    <ApiContext.Provider value={wrapped}>
      <div className="elevated-session" inert={asking !== null}>
        {children}
      </div>
      {/* Outside the wrapped context: the dialog's own sign-in never waits for itself. */}
      {asking && (
        <ApiContext.Provider value={api}>
          <ReauthDialog admin={admin} onDone={finish} />
        </ApiContext.Provider>
      )}
    </ApiContext.Provider>
  );
}
