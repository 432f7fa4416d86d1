// portal: the person's own office routes, forwarded as they are; the office's call-logged and
// preferences-changed and conference pushes announced to the window and the tray.
import { Value } from 'typebox/value';
import { CallLoggedEvent, ConferenceEvent, PreferencesChangedEvent } from '../../common/api/push';
import type { PortalClient } from '../services/portal-client';
import type { PushChannel } from '../services/push-channel';
import { restHandlers } from './rest-handlers';
import type { IpcRouter } from './router';

export function servePortal(
  router: IpcRouter,
  { portal, push }: { portal: PortalClient; push: PushChannel },
): void {
  push.on('event', ({ data }) => {
    if (Value.Check(CallLoggedEvent, data)) router.publish('portal', 'callLogged', data.call);
    if (Value.Check(PreferencesChangedEvent, data))
      router.publish('portal', 'preferencesChanged', data.preferences);
    if (Value.Check(ConferenceEvent, data)) router.publish('portal', 'conferenceChanged', data);
  });
  router.serve('portal', restHandlers('portal', portal));
}
