// The calls of this softphone as main reports them: the list once, then every change as it
// happens. Ended calls leave the list; the moment each call was answered is kept for its timer.
import { useEffect, useState } from 'react';
import type { Static } from 'typebox';
import type { Call as CallSchema } from '../../../../common/ipc/domains/calls';
import type { IpcError } from '../../../../common/ipc/result';
import { useApi } from '../../app/api-context';

export type Call = Static<typeof CallSchema>;

export interface CallsState {
  loading: boolean;
  error: IpcError | null;
  calls: Call[];
  /** When each call was first seen connected (ms since the epoch), for its timer. */
  connectedAt: Record<string, number>;
}

const isConnected = (call: Call) => call.state === 'active' || call.state === 'held';

function withCall(state: CallsState, call: Call, now: number): CallsState {
  const rest = state.calls.filter((known) => known.id !== call.id);
  const connectedAt = { ...state.connectedAt };
  if (call.state === 'ended') {
    delete connectedAt[call.id];
    return { ...state, calls: rest, connectedAt };
  }
  if (isConnected(call) && connectedAt[call.id] === undefined) connectedAt[call.id] = now;
  const index = state.calls.findIndex((known) => known.id === call.id);
  const calls =
    index === -1 ? [...rest, call] : state.calls.map((known) => (known.id === call.id ? call : known));
  return { ...state, calls, connectedAt };
}

export function useCalls(): CallsState {
  const api = useApi();
  const [state, setState] = useState<CallsState>({ loading: true, error: null, calls: [], connectedAt: {} });

  useEffect(() => {
    let live = true;
    const apply = (call: Call) => setState((current) => withCall(current, call, Date.now()));
    const unsubscribe = [api.calls.onIncoming(apply), api.calls.onStateChanged(apply)];
    void api.calls.list({}).then((result) => {
      if (!live) return;
      setState((current) => {
        if (!result.ok) return { ...current, loading: false, error: result.error };
        // An event that arrived meanwhile is fresher than the list. Calls already connected when
        // the screen opened count from their start.
        const connectedAt: Record<string, number> = {};
        for (const call of result.value)
          if (isConnected(call)) connectedAt[call.id] = Date.parse(call.startedAt);
        const listed = result.value
          .filter((call) => call.state !== 'ended' && !current.calls.some((known) => known.id === call.id))
          .reduce<CallsState>((next, call) => withCall(next, call, Date.now()), {
            ...current,
            connectedAt: { ...connectedAt, ...current.connectedAt },
          });
        return { ...listed, loading: false, error: null };
      });
    });
    return () => {
      live = false;
      unsubscribe.forEach((stop) => stop());
    };
  }, [api]);

  return state;
}

export const isIncomingRinging = (call: Call) => call.direction === 'incoming' && call.state === 'ringing';
