import { createReadStream } from 'node:fs';
import path from 'node:path';
import { VoicemailList, VoicemailMessage, VoicemailPatch } from '../../../common/api/voicemail';
import { IdParams } from '../../../common/api/primitives';
import type { Office } from '../../office';
import { deleteVoicemail, findOwnMessage, listVoicemail, markVoicemailRead } from '../../directory/voicemail';
import { callerOf } from '../auth';
import { NO_CONTENT, fileReply, replies, type Api } from '../types';

export function meVoicemailRoutes(app: Api, office: Office): void {
  app.get(
    '/me/voicemail',
    {
      schema: {
        tags: ['voicemail'],
        operationId: 'listVoicemail',
        summary: 'Your voicemail messages, newest first, and how many are unread',
        response: replies({ 200: VoicemailList }),
      },
    },
    async (request) => listVoicemail(office.db, callerOf(request).userId),
  );

  app.get(
    '/me/voicemail/:id/audio',
    {
      schema: {
        tags: ['voicemail'],
        operationId: 'getVoicemailAudio',
        summary: "A voicemail message's recording",
        params: IdParams,
        // The 200 body is the audio file itself, typed by the message's audioType.
        response: replies(fileReply('audio/*', "The recording, in the message's audioType")),
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
        operationId: 'updateVoicemail',
        summary: 'Mark a voicemail message read or unread',
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
    {
      schema: {
        tags: ['voicemail'],
        operationId: 'deleteVoicemail',
        summary: 'Delete a voicemail message and its recording',
        params: IdParams,
        response: replies(NO_CONTENT),
      },
    },
    async (request, reply) => {
      await deleteVoicemail(office.db, office.voicemailDir, callerOf(request).userId, request.params.id);
      return reply.status(204).send();
    },
  );
}
