// Routes that take an uploaded greeting (a user's voicemail greeting, a receptionist's menu): the
// audio types they accept, their body limit, and the file with its media type.
import type { FastifyRequest } from 'fastify';
import { GREETING_MAX_BYTES, MP3_TYPES, WAV_TYPES } from '../../common/api/voicemail';
import { OfficeError } from '../errors';
import type { Api } from './types';

export const GREETING_TYPES = [...WAV_TYPES, ...MP3_TYPES];

/** Lets the scope's routes take audio bodies, only up to a greeting's limit. */
export function acceptGreetings(scope: Api): void {
  scope.addContentTypeParser(
    GREETING_TYPES,
    { parseAs: 'buffer', bodyLimit: GREETING_MAX_BYTES },
    (_r, body, done) => done(null, body),
  );
}

/** The uploaded file and its media type; 415 for a body that is not WAV or MP3 audio. */
export function uploadedGreeting(request: FastifyRequest): { file: Buffer; mediaType: string } {
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!GREETING_TYPES.includes(mediaType) || !Buffer.isBuffer(request.body))
    throw new OfficeError(415, 'unsupported_media_type', 'Send the greeting as audio/wav or audio/mpeg');
  return { file: request.body, mediaType };
}
