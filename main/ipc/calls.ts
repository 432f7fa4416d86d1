// calls: the signed-in person's calls, made and answered through their running softphone, and
// the links from outside waiting for the person's Call or Cancel.
import type { PendingDial } from '../links/pending-dial';
import type { MediaBridge } from '../softphone/media-bridge';
import type { SoftphoneLifecycle } from '../softphone/softphone-lifecycle';
import { IpcFailure } from './failure';
import type { IpcRouter } from './router';

export function serveCalls(
  router: IpcRouter,
  { softphone, media, links }: { softphone: SoftphoneLifecycle; media: MediaBridge; links: PendingDial },
): void {
  softphone.on('incoming', (call) => router.publish('calls', 'incoming', call));
  softphone.on('changed', (call) => router.publish('calls', 'stateChanged', call));
  softphone.on('dtmf', (pressed) => router.publish('calls', 'dtmfReceived', pressed));

  const calls = () => softphone.calls();
  router.serve('calls', {
    list: async () => softphone.list(),
    dial: async ({ target }) => {
      const running = calls();
      if (softphone.state.state !== 'registered')
        throw new IpcFailure('not_registered', 'The softphone is not registered; calls cannot be made now');
      if (!media.available)
        throw new IpcFailure('no_media', 'No page of the app is open to do the call’s audio');
      return running.dial(target);
    },
    answer: async ({ callId }) => (await calls().answer(callId), null),
    decline: async ({ callId }) => (await calls().decline(callId), null),
    hangUp: async ({ callId }) => (await calls().hangUp(callId), null),
    hold: async ({ callId }) => (await calls().hold(callId), null),
    resume: async ({ callId }) => (await calls().resume(callId), null),
    mute: async ({ callId, muted }) => (await calls().mute(callId, muted), null),
    sendDtmf: async ({ callId, tones }) => (await calls().sendDtmf(callId, tones), null),
    transfer: async ({ callId, target }) => (await calls().transfer(callId, target), null),
    completeTransfer: async ({ callId, consultationCallId }) => (
      await calls().completeTransfer(callId, consultationCallId),
      null
    ),
    linkToConfirm: async () => (links.question === null ? null : { target: links.question }),
    linkAnswered: async ({ target }) => (links.answered(target), null),
  });
}
