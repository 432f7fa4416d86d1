// app: which app this is and which office it uses; the one way to change that office.
import type { Static } from 'typebox';
import { isCountryCode, isTimeZone } from '../../common/api/locale';
import type { AppInfo } from '../../common/ipc/domains/app';
import type { RunningOffice } from '../../server/embedded';
import { checkOffice } from '../services/office-check';
import type { PendingAppLink } from '../links/pending-app-link';
import type { PortalClient } from '../services/portal-client';
import type { SettingsStore } from '../services/settings-store';
import { IpcFailure } from './failure';
import type { IpcRouter } from './router';

export interface AppDeps {
  version: string;
  host: Static<typeof AppInfo>['host'];
  portal: PortalClient;
  settings: SettingsStore;
  /** The office this launch started on this computer, if it started one. */
  office: RunningOffice | null;
  /** The switchboard: link waiting for a window. */
  appLinks: PendingAppLink;
}

export function serveApp(
  router: IpcRouter,
  { version, host, portal, settings, office, appLinks }: AppDeps,
): void {
  portal.on('connection', (state) => router.publish('app', 'connectionChanged', { state }));

  const info = (): Static<typeof AppInfo> => ({
    version,
    host,
    office: { mode: portal.baseUrl === office?.url ? 'embedded' : 'remote', url: portal.baseUrl },
  });
  router.serve('app', {
    info: async () => info(),
    firstRunAdmin: async () => (await office?.firstRunAdmin()) ?? null,
    // Taken only while the first-run password is still the super admin's: the page that may ask
    // for that password (this launch's own) owns the office anyway. Afterwards, the console.
    setUpOffice: async (company) => {
      if (!isCountryCode(company.country))
        throw new IpcFailure('invalid_field', 'This is not an ISO 3166-1 country code', 'request.country');
      if (!isTimeZone(company.timeZone))
        throw new IpcFailure('invalid_field', 'This is not a known time zone', 'request.timeZone');
      if (!(await office?.setUpCompany(company)))
        throw new IpcFailure('conflict', 'The office is set up already: change it in the admin console');
      return null;
    },
    useOffice: async ({ url }) => {
      if (portal.session) throw new IpcFailure('conflict', 'Sign out before changing the office server');
      const target = url ?? office?.url;
      if (target === undefined)
        throw new IpcFailure('unavailable', 'No office runs on this computer in this launch');
      if (url !== null) await checkOffice(url);
      portal.useOffice(target);
      router.publish('settings', 'changed', settings.update({ serverUrl: url }));
      return info();
    },
    takeLink: async () => appLinks.take(),
  });
}
