// Everything the call screen asks of main, each reporting its failure to one place the screen shows.
import { useCallback, useMemo, useState } from 'react';
import type { IpcError, IpcResult } from '../../../../common/ipc/result';
import { useApi } from '../../app/api-context';
import type { Call } from './use-calls';

/** An attended transfer in progress: the caller on hold while the target is consulted. */
export interface Consultation {
  heldCallId: string;
  consultationCallId: string;
}

export function useCallActions(calls: readonly Call[]) {
  const api = useApi();
  const [error, setError] = useState<IpcError | null>(null);
  const [consultation, setConsultation] = useState<Consultation | null>(null);

  const run = useCallback(async <T>(request: Promise<IpcResult<T>>): Promise<IpcResult<T>> => {
    const result = await request;
    setError(result.ok ? null : result.error);
    return result;
  }, []);

  // Only one call talks at a time: the others wait on hold.
  const holdOthers = useCallback(
    async (except: string) => {
      for (const call of calls)
        if (call.id !== except && call.state === 'active')
          if (!(await run(api.calls.hold({ callId: call.id }))).ok) return false;
      return true;
    },
    [api, calls, run],
  );

  // A consultation whose calls have gone is over.
  const liveConsultation =
    consultation &&
    calls.some((call) => call.id === consultation.heldCallId) &&
    calls.some((call) => call.id === consultation.consultationCallId)
      ? consultation
      : null;

  const actions = useMemo(
    () => ({
      dial: async (target: string) => {
        if (await holdOthers('')) await run(api.calls.dial({ target }));
      },
      answer: async (callId: string) => {
        if (await holdOthers(callId)) await run(api.calls.answer({ callId }));
      },
      decline: (callId: string) => run(api.calls.decline({ callId })),
      hangUp: (callId: string) => run(api.calls.hangUp({ callId })),
      hold: (callId: string) => run(api.calls.hold({ callId })),
      resume: async (callId: string) => {
        if (await holdOthers(callId)) await run(api.calls.resume({ callId }));
      },
      mute: (callId: string, muted: boolean) => run(api.calls.mute({ callId, muted })),
      sendDtmf: (callId: string, tones: string) => run(api.calls.sendDtmf({ callId, tones })),
      blindTransfer: (callId: string, target: string) => run(api.calls.transfer({ callId, target })),
      /** Puts the caller on hold and calls the target, to introduce the caller first. */
      consult: async (callId: string, target: string) => {
        if (!(await run(api.calls.hold({ callId }))).ok) return;
        const dialled = await run(api.calls.dial({ target }));
        if (dialled.ok) setConsultation({ heldCallId: callId, consultationCallId: dialled.value.id });
      },
      completeTransfer: async ({ heldCallId, consultationCallId }: Consultation) => {
        if ((await run(api.calls.completeTransfer({ callId: heldCallId, consultationCallId }))).ok)
          setConsultation(null);
      },
      /** Ends the consultation and takes the caller off hold. */
      cancelTransfer: async ({ heldCallId, consultationCallId }: Consultation) => {
        await run(api.calls.hangUp({ callId: consultationCallId }));
        setConsultation(null);
        await run(api.calls.resume({ callId: heldCallId }));
      },
    }),
    [api, holdOthers, run],
  );

  return { actions, error, consultation: liveConsultation };
}

export type CallActions = ReturnType<typeof useCallActions>['actions'];
