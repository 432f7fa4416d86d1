// auth: signing in and out through the PortalClient, remembering the last login typed and
// whether the person chose to stay signed in.
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
      const signedIn = await portal.signIn(request);
      // The box starts as the person last left it, unticked where staying signed in was not possible.
      // An elevated sign-in (never kept) leaves it as it was.
      const staySignedIn = request.scope === 'user' ? { staySignedIn: signedIn.staySignedIn === 'kept' } : {};
      router.publish('settings', 'changed', settings.update({ lastLogin: request.login, ...staySignedIn }));
      return signedIn;
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
