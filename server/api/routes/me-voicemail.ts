import { VoicemailList, VoicemailMessage, VoicemailPatch } from '../../../common/api/voicemail';
import { IdParams, PageQuery } from '../../../common/api/primitives';
import { findOwnMessage, listVoicemail } from '../../directory/voicemail';
import { markMessageRead, removeMessage, type MessageServices } from '../../voicemail/messages';
import { callerOf } from '../auth';
import { sendFile } from '../file-reply';
import { IdempotencyHeaders, answerOnce, type IdempotencyServices } from '../idempotency';
import { NOT_MODIFIED, NO_CONTENT, fileReply, replies, type Api } from '../types';

const IDEMPOTENCY_ERRORS = { 409: ['conflict' as const] };

export function meVoicemailRoutes(app: Api, services: MessageServices & IdempotencyServices): void {
  app.get(
    '/me/voicemail',
    {
      schema: {
        tags: ['voicemail'],
        operationId: 'listVoicemail',
        summary: 'Your voicemail messages, newest first, a page at a time, and how many are unread',
        querystring: PageQuery,
        response: replies({ 200: VoicemailList }),
      },
    },
    async (request) => listVoicemail(services.db, callerOf(request).userId, request.query),
  );

  app.get(
    '/me/voicemail/:id/audio',
    {
      schema: {
        tags: ['voicemail'],
        operationId: 'getVoicemailAudio',
        summary: "A voicemail message's recording: ETag (If-None-Match gives 304) and a single Range (206)",
        params: IdParams,
        // The body is the audio file itself, typed by the message's audioType.
        response: replies({
          ...fileReply('audio/*', "The recording, in the message's audioType"),
          ...fileReply('audio/*', 'The part of the recording the Range asked for', 206),
          ...NOT_MODIFIED,
        }),
        errors: { 416: ['bad_request'] },
      },
    },
    async (request, reply) => {
      const message = await findOwnMessage(services.db, callerOf(request).userId, request.params.id);
      return sendFile(request, reply, {
        content: await services.voicemailFiles.open(message.audio_file),
        type: message.audio_type,
        // A recording never changes once stored: its id and size name it.
        etag: (size) => `"${message.id}-${size}"`,
        what: 'Voicemail recording',
      });
    },
  );

  app.patch(
    '/me/voicemail/:id',
    {
      schema: {
        tags: ['voicemail'],
        operationId: 'updateVoicemail',
        summary:
          'Mark a voicemail message read or unread (an Idempotency-Key makes a repeat answer as the first)',
        params: IdParams,
        headers: IdempotencyHeaders,
        body: VoicemailPatch,
        response: replies({ 200: VoicemailMessage }),
        errors: IDEMPOTENCY_ERRORS,
      },
    },
    async (request, reply) => {
      const { userId } = callerOf(request);
      const { id } = request.params;
      return answerOnce(
        services,
        request,
        reply,
        userId,
        `PATCH ${id} ${JSON.stringify(request.body)}`,
        async () => {
          const message = await markMessageRead(services, userId, id, request.body.read);
          return { status: 200, body: message };
        },
      );
    },
  );

  app.delete(
    '/me/voicemail/:id',
    {
      schema: {
        tags: ['voicemail'],
        operationId: 'deleteVoicemail',
        summary:
          'Delete a voicemail message and its recording (an Idempotency-Key makes a repeat answer as the first)',
        params: IdParams,
        headers: IdempotencyHeaders,
        response: replies(NO_CONTENT),
        errors: IDEMPOTENCY_ERRORS,
      },
    },
    async (request, reply) => {
      const { userId } = callerOf(request);
      const { id } = request.params;
      return answerOnce(services, request, reply, userId, `DELETE ${id}`, async () => {
        await removeMessage(services, userId, id);
        return { status: 204 };
      });
    },
  );
}
