// media: the page doing the calls' audio announces itself and answers each step of it.
import type { MediaBridge } from '../softphone/media-bridge';
import type { SoftphoneLifecycle } from '../softphone/softphone-lifecycle';
import { IpcFailure } from './failure';
import type { IpcRouter } from './router';

export function serveMedia(
  router: IpcRouter,
  { softphone, media }: { softphone: SoftphoneLifecycle; media: MediaBridge },
): void {
  router.serve('media', {
    announce: async (_request, sender) => (media.announce(sender.connection), null),
    done: async (answer, sender) => (media.done(answer, sender.connection), null),
    stats: async ({ callId }) => {
      if (
        !softphone
          .calls()
          .list()
          .some((call) => call.id === callId)
      )
        throw new IpcFailure('not_found', 'No such call', 'request.callId');
      return media.stats(callId);
    },
  });
}
