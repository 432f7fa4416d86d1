import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { TSchema } from 'typebox';
import { ErrorBody } from '../../common/api/errors';

/** The Fastify instance routes are declared on, typed from their TypeBox schemas. */
export type Api = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** Response schemas of a route: its success schema plus the shared error body. */
export function replies<S extends Record<number, TSchema>>(success: S) {
  return { ...success, '4xx': ErrorBody, '5xx': ErrorBody };
}

export const NO_CONTENT = { 204: { type: 'null' } as unknown as TSchema };

/** A 200 (or 206) whose body is a file of the media type, streamed (never serialized as JSON). */
export function fileReply(mediaType: string, description: string, status: 200 | 206 = 200) {
  const file = { description, content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } } };
  return { [status]: file as unknown as TSchema };
}

/** A 304: the client's copy (If-None-Match) is current, nothing is sent. */
export const NOT_MODIFIED = { 304: { type: 'null' } as unknown as TSchema };
