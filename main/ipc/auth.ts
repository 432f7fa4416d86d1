// auth: signing in and out through the PortalClient, remembering the last login typed.
import type { PortalClient } from '../services/portal-client';
import type { SettingsStore } from '../services/settings-store';
import type { OfflineVoicemail } from '../voicemail/offline-voicemail';
import { restHandlers } from './rest-handlers';
import type { IpcRouter } from './router';

export interface AuthDeps {
  portal: PortalClient;
  settings: SettingsStore;
  voicemail: OfflineVoicemail;
}

export function serveAuth(router: IpcRouter, { portal, settings, voicemail }: AuthDeps): void {
  portal.on('session', (session) => router.publish('auth', 'sessionChanged', session));
  portal.on('endedByOffice', (reason) => router.publish('auth', 'endedByOffice', { reason }));

  const forwarded = restHandlers('auth', portal);
  router.serve('auth', {
    ...forwarded,
    changePassword: async (request, sender) => {
      await forwarded.changePassword(request, sender);
      portal.passwordChanged();
      return null;
    },
    signIn: async (request) => {
      const session = await portal.signIn(request);
      settings.update({ lastLogin: request.login });
      return session;
    },
    resume: async () => {
      const { lastLogin } = settings.get();
      return lastLogin === null ? null : portal.resume(lastLogin);
    },
    session: async () => portal.session,
    signOut: async () => {
      // The copies go first, while it is known whose they are; signing out happens regardless.
      try {
        await voicemail.signOut();
      } finally {
        await portal.signOut();
      }
      return null;
    },
  });
}
