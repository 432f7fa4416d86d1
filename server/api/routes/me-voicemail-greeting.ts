import { createReadStream } from 'node:fs';
import type { Office } from '../../office';
import { OfficeError } from '../../errors';
import { GREETING_MAX_BYTES, MP3_TYPES, WAV_TYPES } from '../../voicemail/greeting-audio';
import { greetingPath, removeGreeting, saveGreeting } from '../../voicemail/greeting';
import { callerOf } from '../auth';
import { NO_CONTENT, fileReply, replies, type Api } from '../types';

const AUDIO_TYPES = [...WAV_TYPES, ...MP3_TYPES];

/** The greeting callers hear: the user's own upload, or the office default when none. */
export function meVoicemailGreetingRoutes(app: Api, office: Office): void {
  void app.register(async (scope: Api) => {
    // Only these routes take audio bodies, and only up to the greeting's limit.
    scope.addContentTypeParser(
      AUDIO_TYPES,
      { parseAs: 'buffer', bodyLimit: GREETING_MAX_BYTES },
      (_r, body, done) => done(null, body),
    );

    scope.put(
      '/me/voicemail/greeting',
      {
        bodyLimit: GREETING_MAX_BYTES,
        schema: {
          tags: ['voicemail'],
          operationId: 'putVoicemailGreeting',
          summary:
            'Upload your greeting: a PCM WAV (8, 16 or 24-bit, mono or stereo) or an MP3, at most 5 MB and 2 minutes',
          consumes: AUDIO_TYPES,
          response: replies(NO_CONTENT),
        },
      },
      async (request, reply) => {
        const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
        if (!AUDIO_TYPES.includes(mediaType) || !Buffer.isBuffer(request.body)) {
          throw new OfficeError(
            415,
            'unsupported_media_type',
            'Send the greeting as audio/wav or audio/mpeg',
          );
        }
        await saveGreeting(office, callerOf(request).userId, request.body, mediaType);
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
          response: replies(fileReply('audio/wav', 'The greeting')),
        },
      },
      async (request, reply) => {
        const file = await greetingPath(office, callerOf(request).userId);
        return reply
          .type('audio/wav')
          .header('cache-control', 'private, no-cache')
          .send(createReadStream(file));
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
        await removeGreeting(office, callerOf(request).userId);
        return reply.status(204).send();
      },
    );
  });
}
