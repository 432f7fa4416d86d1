// registration: the signed-in person's softphone registration, and a retry on demand.
import type { SoftphoneLifecycle } from '../softphone/softphone-lifecycle';
import type { IpcRouter } from './router';

export function serveRegistration(router: IpcRouter, softphone: SoftphoneLifecycle): void {
  softphone.on('registration', (state) => router.publish('registration', 'stateChanged', state));
  router.serve('registration', {
    state: async () => softphone.state,
    retry: async () => (softphone.reconnectNow(), null),
  });
}
