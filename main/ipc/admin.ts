// admin: the administrator's office routes, forwarded as they are (the office checks the rights);
// music files, ring groups' greetings and receptionist menus' recordings cross in parts and go
// to the office whole (it checks the audio), and come back base64 for a preview.
import { MUSIC_MAX_BYTES, type MusicFile } from '../../common/api/music';
import type { Receptionist } from '../../common/api/receptionists';
import type { PortalClient } from '../services/portal-client';
import { GreetingUpload } from '../voicemail/greeting-upload';
import { greetingAudio } from '../voicemail/greeting-audio';
import { restHandlers } from './rest-handlers';
import type { IpcRouter } from './router';

export function serveAdmin(router: IpcRouter, portal: PortalClient): void {
  const upload = new GreetingUpload(MUSIC_MAX_BYTES, 'A music file');
  const greetingUpload = new GreetingUpload();
  const menuGreetingUpload = new GreetingUpload();
  const greetingPath = (id: string) => `/admin/ring-groups/${encodeURIComponent(id)}/voicemail/greeting`;
  router.serve('admin', {
    ...restHandlers('admin', portal),
    uploadMusic: async (part) => {
      const file = upload.add(part);
      if (!file) return null;
      return portal.call<MusicFile>(
        { method: 'POST', path: '/admin/music' },
        { file },
        { slug: encodeURIComponent(part.name) },
      );
    },
    ringGroupGreeting: ({ id }) => greetingAudio(portal, greetingPath(id)),
    uploadRingGroupGreeting: async (part) => {
      const file = greetingUpload.add(part, part.id);
      if (!file) return null;
      await portal.call({ method: 'PUT', path: greetingPath(part.id) }, { file });
      return null;
    },
    uploadMenuGreeting: async (part) => {
      const file = menuGreetingUpload.add(part, `${part.id}/${part.menuId}`);
      if (!file) return null;
      const menu = encodeURIComponent(part.menuId);
      await portal.call(
        { method: 'PUT', path: `/admin/receptionists/:id/menus/${menu}/greeting` },
        { id: part.id, file },
      );
      // The receptionist as kept: the console shows how long the recording plays.
      return portal.call<Receptionist>({ method: 'GET', path: '/admin/receptionists/:id' }, { id: part.id });
    },
    musicAudio: async ({ id }) => {
      const response = await portal.open(`/admin/music/${encodeURIComponent(id)}/audio`);
      return { data: Buffer.from(await response.arrayBuffer()).toString('base64'), audioType: 'audio/wav' };
    },
  });
}
