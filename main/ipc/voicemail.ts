// voicemail: the signed-in person's box, from their offline copies when it has them. Without
// a cache (no usable keyring to seal the copies) the list and actions go to the office directly
// and nothing is kept offline.
import type { PortalClient } from '../services/portal-client';
import { GreetingUpload } from '../voicemail/greeting-upload';
import { greetingAudio } from '../voicemail/greeting-audio';
import type { OfflineVoicemail } from '../voicemail/offline-voicemail';
import { restHandlers } from './rest-handlers';
import type { DomainHandlers, IpcRouter } from './router';

export function voicemailHandlers(
  voicemail: OfflineVoicemail,
  portal: PortalClient,
): DomainHandlers<'voicemail'> {
  const direct = restHandlers('voicemail', portal);
  const upload = new GreetingUpload();
  return {
    list: (request, sender) =>
      voicemail.cache ? voicemail.cache.list(request.query) : direct.list(request, sender),
    mark: (request, sender) =>
      voicemail.cache ? voicemail.cache.mark(request.id, request.body.read) : direct.mark(request, sender),
    delete: (request, sender) =>
      voicemail.cache ? voicemail.cache.delete(request.id) : direct.delete(request, sender),
    audio: async (request) => {
      const { audio, audioType } = await voicemail.audio(request.id);
      return { data: audio.toString('base64'), audioType };
    },
    syncState: async () =>
      voicemail.cache?.state ?? { connection: portal.connectionState, pending: [], syncedAt: null },
    setPin: direct.setPin,
    deleteGreeting: direct.deleteGreeting,
    greeting: () => greetingAudio(portal, '/me/voicemail/greeting'),
    uploadGreeting: async (part) => {
      const file = upload.add(part);
      if (!file) return null;
      await portal.call({ method: 'PUT', path: '/me/voicemail/greeting' }, { file });
      return null;
    },
  };
}

export function serveVoicemail(
  router: IpcRouter,
  { voicemail, portal }: { voicemail: OfflineVoicemail; portal: PortalClient },
): void {
  portal.on('session', (session) => {
    void voicemail.sessionChanged(session, (cache) => {
      cache.on('state', (state) => router.publish('voicemail', 'syncStateChanged', state));
      cache.on('received', (message) => router.publish('voicemail', 'received', message));
    });
  });
  router.serve('voicemail', voicemailHandlers(voicemail, portal));
}
