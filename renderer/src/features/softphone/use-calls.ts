// The calls of this softphone as main reports them: the list once, then every change as it
// happens. Ended calls leave the list; one that failed or was transferred away is kept as an
// outcome to tell, until dismissed. The moment each call was answered is kept for its timer.
import { useCallback, useEffect, useState } from 'react';
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
  /** Ended calls the person is told about: not connected (and why), or transferred by them. */
  outcomes: Call[];
  dismissOutcome: (callId: string) => void;
}

type CallsData = Omit<CallsState, 'dismissOutcome'>;

/** How many told outcomes stay on screen at most: the newest. */
const MAX_OUTCOMES = 3;

const worthTelling = (call: Call) =>
  call.failure !== null || (call.transfer?.by === 'this-phone' && call.transfer.state === 'done');

const isConnected = (call: Call) => call.state === 'active' || call.state === 'held';

function withCall(state: CallsData, call: Call, now: number): CallsData {
  const rest = state.calls.filter((known) => known.id !== call.id);
  const connectedAt = { ...state.connectedAt };
  if (call.state === 'ended') {
    delete connectedAt[call.id];
    const outcomes = worthTelling(call)
      ? [...state.outcomes.filter((told) => told.id !== call.id), call].slice(-MAX_OUTCOMES)
      : state.outcomes;
    return { ...state, calls: rest, connectedAt, outcomes };
  }
  if (isConnected(call) && connectedAt[call.id] === undefined) connectedAt[call.id] = now;
  const index = state.calls.findIndex((known) => known.id === call.id);
  const calls =
    index === -1 ? [...rest, call] : state.calls.map((known) => (known.id === call.id ? call : known));
  return { ...state, calls, connectedAt };
}

export function useCalls(): CallsState {
  const api = useApi();
  const [state, setState] = useState<CallsData>({
    loading: true,
    error: null,
    calls: [],
    connectedAt: {},
    outcomes: [],
  });
  const dismissOutcome = useCallback(
    (callId: string) =>
      setState((current) => ({
        ...current,
        outcomes: current.outcomes.filter((call) => call.id !== callId),
      })),
    [],
  );

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
          .reduce<CallsData>((next, call) => withCall(next, call, Date.now()), {
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

  return { ...state, dismissOutcome };
}

export const isIncomingRinging = (call: Call) => call.direction === 'incoming' && call.state === 'ringing';
