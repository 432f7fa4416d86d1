import { GREETING_MAX_BYTES } from '../../../common/api/voicemail';
import { openGreeting, removeGreeting, saveGreeting, type GreetingStorage } from '../../voicemail/greeting';
import { callerOf } from '../auth';
import { GREETING_TYPES, acceptGreetings, uploadedGreeting } from '../greeting-upload';
import { sendFile } from '../file-reply';
import { NOT_MODIFIED, NO_CONTENT, fileReply, replies, type Api } from '../types';

/** The greeting callers hear: the user's own upload, or the office default when none. */
export function meVoicemailGreetingRoutes(app: Api, storage: GreetingStorage): void {
  void app.register(async (scope: Api) => {
    acceptGreetings(scope);

    scope.put(
      '/me/voicemail/greeting',
      {
        bodyLimit: GREETING_MAX_BYTES,
        schema: {
          tags: ['voicemail'],
          operationId: 'putVoicemailGreeting',
          summary:
            'Upload your greeting: a PCM WAV (8, 16 or 24-bit, mono or stereo) or an MP3, at most 5 MB and 2 minutes',
          consumes: GREETING_TYPES,
          response: replies(NO_CONTENT),
          errors: { 400: ['bad_request'], 404: ['not_found'], 413: ['payload_too_large'] },
        },
      },
      async (request, reply) => {
        const { file, mediaType } = uploadedGreeting(request);
        await saveGreeting(storage, callerOf(request).userId, file, mediaType);
        return reply.status(204).send();
      },
    );

    scope.get(
      '/me/voicemail/greeting',
      {
        schema: {
          tags: ['voicemail'],
          operationId: 'getVoicemailGreeting',
          summary:
            'Your own greeting, as callers hear it (mono 16-bit WAV, 48 kHz); 404 when you use the default',
          response: replies({ ...fileReply('audio/wav', 'The greeting'), ...NOT_MODIFIED }),
          errors: { 404: ['not_found'] },
        },
      },
      async (request, reply) => {
        return sendFile(request, reply, {
          content: await openGreeting(storage, callerOf(request).userId),
          type: 'audio/wav',
          // Replaced in place by each upload: its time and size tell the versions apart.
          etag: (size, modifiedMs) => `"${Math.round(modifiedMs)}-${size}"`,
          what: 'Greeting',
        });
      },
    );

    scope.delete(
      '/me/voicemail/greeting',
      {
        schema: {
          tags: ['voicemail'],
          operationId: 'deleteVoicemailGreeting',
          summary: 'Go back to the default greeting',
          response: replies(NO_CONTENT),
        },
      },
      async (request, reply) => {
        await removeGreeting(storage, callerOf(request).userId);
        return reply.status(204).send();
      },
    );
  });
}
