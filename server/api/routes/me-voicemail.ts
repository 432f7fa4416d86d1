import { createReadStream } from 'node:fs';
import path from 'node:path';
import { VoicemailList, VoicemailMessage, VoicemailPatch } from '../../../common/api/voicemail';
import { IdParams } from '../../../common/api/primitives';
import type { Office } from '../../office';
import { deleteVoicemail, findOwnMessage, listVoicemail, markVoicemailRead } from '../../directory/voicemail';
import { callerOf } from '../auth';
import { NO_CONTENT, replies, type Api } from '../types';

export function meVoicemailRoutes(app: Api, office: Office): void {
  app.get(
    '/me/voicemail',
    { schema: { tags: ['voicemail'], response: replies({ 200: VoicemailList }) } },
    async (request) => listVoicemail(office.db, callerOf(request).userId),
  );

  app.get(
    '/me/voicemail/:id/audio',
    {
      schema: {
        tags: ['voicemail'],
        params: IdParams,
        // The 200 body is the audio file itself, typed by the message's audioType; no JSON schema.
      },
    },
    async (request, reply) => {
      const message = await findOwnMessage(office.db, callerOf(request).userId, request.params.id);
      const file = path.join(office.voicemailDir, path.basename(message.audio_file));
      return reply
        .type(message.audio_type)
        .header('cache-control', 'private, max-age=0')
        .send(createReadStream(file));
    },
  );

  app.patch(
    '/me/voicemail/:id',
    {
      schema: {
        tags: ['voicemail'],
        params: IdParams,
        body: VoicemailPatch,
        response: replies({ 200: VoicemailMessage }),
      },
    },
    async (request) =>
      markVoicemailRead(office.db, callerOf(request).userId, request.params.id, request.body.read),
  );

  app.delete(
    '/me/voicemail/:id',
    { schema: { tags: ['voicemail'], params: IdParams, response: replies(NO_CONTENT) } },
    async (request, reply) => {
      await deleteVoicemail(office.db, office.voicemailDir, callerOf(request).userId, request.params.id);
      return reply.status(204).send();
    },
  );
}
