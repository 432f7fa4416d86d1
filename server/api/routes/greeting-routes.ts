// The routes of a voicemail box's greeting (upload, listen, back to the default), for any box:
// a user's own, or a ring group's managed by an admin. Only the box and the words differ.
import type { FastifyRequest } from 'fastify';
import type { TObject } from 'typebox';
import { GREETING_MAX_BYTES } from '../../../common/api/voicemail';
import type { VoicemailBoxTable } from '../../db/schema';
import { openGreeting, removeGreeting, saveGreeting, type GreetingStorage } from '../../voicemail/greeting';
import { sendFile } from '../file-reply';
import { GREETING_TYPES, acceptGreetings, uploadedGreeting } from '../greeting-upload';
import type { RouteErrors } from '../openapi';
import { NOT_MODIFIED, NO_CONTENT, fileReply, replies, type Api } from '../types';

export interface GreetingRoutes {
  path: string;
  tags: string[];
  /** The path's parameters, when it has any. */
  params?: TObject;
  operationIds: { put: string; get: string; delete: string };
  /** Whose greeting, in the summaries: "your", "the ring group's". */
  whose: string;
  /** The box the request reads or changes, once the caller may do so (else its refusal). */
  boxOf: (request: FastifyRequest, intent: 'read' | 'change') => Promise<VoicemailBoxTable>;
  /** What the routes refuse beyond a bad upload, e.g. a 403 for an admin who may not. */
  refusals?: RouteErrors;
  /** After an upload or a return to the default (an admin's change is audited). */
  changed?: (request: FastifyRequest, change: 'uploaded' | 'removed') => Promise<void>;
}

export function greetingRoutes(app: Api, storage: GreetingStorage, spec: GreetingRoutes): void {
  const { path, tags, params, operationIds, whose, boxOf, refusals = {}, changed } = spec;
  void app.register(async (scope: Api) => {
    acceptGreetings(scope);

    scope.put(
      path,
      {
        bodyLimit: GREETING_MAX_BYTES,
        schema: {
          tags,
          ...(params && { params }),
          operationId: operationIds.put,
          summary: `Upload ${whose} greeting: a PCM WAV (8, 16 or 24-bit, mono or stereo) or an MP3, at most 5 MB and 2 minutes`,
          consumes: GREETING_TYPES,
          response: replies(NO_CONTENT),
          errors: { ...refusals, 400: ['bad_request'], 404: ['not_found'], 413: ['payload_too_large'] },
        },
      },
      async (request, reply) => {
        // Who may change the box is told before what is wrong with the upload.
        const box = await boxOf(request, 'change');
        const { file, mediaType } = uploadedGreeting(request);
        await saveGreeting(storage, box, file, mediaType);
        await changed?.(request, 'uploaded');
        return reply.status(204).send();
      },
    );

    scope.get(
      path,
      {
        schema: {
          tags,
          ...(params && { params }),
          operationId: operationIds.get,
          summary: `${whose[0]!.toUpperCase()}${whose.slice(1)} own greeting, as callers hear it (mono 16-bit WAV, 48 kHz); 404 when it is the default`,
          response: replies({ ...fileReply('audio/wav', 'The greeting'), ...NOT_MODIFIED }),
          errors: { ...refusals, 404: ['not_found'] },
        },
      },
      async (request, reply) => {
        return sendFile(request, reply, {
          content: await openGreeting(storage, await boxOf(request, 'read')),
          type: 'audio/wav',
          // Replaced in place by each upload: its time and size tell the versions apart.
          etag: (size, modifiedMs) => `"${Math.round(modifiedMs)}-${size}"`,
          what: 'Greeting',
        });
      },
    );

    scope.delete(
      path,
      {
        schema: {
          tags,
          ...(params && { params }),
          operationId: operationIds.delete,
          summary: `Go back to the default greeting for ${whose} box`,
          response: replies(NO_CONTENT),
          errors: { ...refusals, 404: ['not_found'] },
        },
      },
      async (request, reply) => {
        await removeGreeting(storage, await boxOf(request, 'change'));
        await changed?.(request, 'removed');
        return reply.status(204).send();
      },
    );
  });
}
