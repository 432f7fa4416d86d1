// The whole contract served by the app's services: each domain by its own file, the softphone
// of whoever is signed in started and stopped by its lifecycle, and the calls' audio done by a
// page of the app over the contract itself.
import type { Static } from 'typebox';
import type { AppInfo } from '../../common/ipc/domains/app';
import type { AppServices } from '../app-services';
import { isAppLink, parseAppLink, type AppLinkRead } from '../links/app-link';
import { parseDialLink, type DialLink } from '../links/dial-link';
import { PendingAppLink } from '../links/pending-app-link';
import { PendingDial } from '../links/pending-dial';
import type { Logger } from '../logger';
import { MediaBridge } from '../softphone/media-bridge';
import type { PowerEvents } from '../softphone/power-events';
import { SoftphoneLifecycle } from '../softphone/softphone-lifecycle';
import { serveAdmin } from './admin';
import { serveApp } from './app';
import { serveAudio } from './audio';
import { serveAuth } from './auth';
import { serveCalls } from './calls';
import { serveMedia } from './media';
import { servePortal } from './portal';
import { serveRegistration } from './registration';
import type { IpcRouter } from './router';
import { serveSettings } from './settings';
import { serveVoicemail } from './voicemail';

export interface ServeOptions {
  host: Static<typeof AppInfo>['host'];
  version: string;
  /** When the softphone must register afresh (sleep, unlock, network change). */
  power: PowerEvents;
  logger: Logger;
}

export interface ServedContract {
  /**
   * A link the OS handed over. tel:, sip: or callto: is put to the person once the softphone is
   * registered (the window dials it if they say Call); switchboard: opens the screen it names
   * (`app:take-link`). Anything else is refused with the reason.
   */
  openLink(link: string): DialLink | AppLinkRead;
  /** Stops the softphone (un-REGISTERs); the services stop on their own afterwards. */
  stop(): Promise<void>;
}

export function serveContract(
  router: IpcRouter,
  services: AppServices,
  options: ServeOptions,
): ServedContract {
  const { portal, settings, voicemail, push, office } = services;
  const { logger } = options;
  const media = new MediaBridge(router, logger);
  const softphone = new SoftphoneLifecycle({ portal, media, power: options.power, logger });
  // Links from outside wait until the softphone is registered; then the window asks the person.
  const links = new PendingDial((target) =>
    router.publish('calls', 'linkToConfirmChanged', target === null ? null : { target }),
  );
  softphone.on('registration', (state) => links.registrationChanged(state.state));
  const appLinks = new PendingAppLink(() => router.publish('app', 'linkOpened', {}));
  softphone.on('stopping', () => links.softphoneStopping());

  serveAuth(router, { portal, settings, voicemail });
  serveRegistration(router, softphone);
  serveCalls(router, { softphone, media, links });
  serveMedia(router, { softphone, media });
  servePortal(router, { portal, push });
  serveAdmin(router, portal);
  serveVoicemail(router, { voicemail, portal });
  serveSettings(router, settings);
  serveAudio(router, settings);
  serveApp(router, { version: options.version, host: options.host, portal, settings, office, appLinks });

  return {
    openLink: (link) => {
      if (isAppLink(link)) {
        const read = parseAppLink(link);
        if (read.ok) appLinks.request(read.link);
        else logger.warn({ refusal: read.refusal }, `Link refused: ${read.message}`);
        return read;
      }
      const read = parseDialLink(link);
      if (read.ok) links.request(read.target);
      else logger.warn({ refusal: read.refusal }, `Link refused: ${read.message}`);
      return read;
    },
    stop: () => softphone.stop(),
  };
}
