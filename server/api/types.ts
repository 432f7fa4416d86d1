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

/** A 200 whose body is a file of the media type, streamed (never serialized as JSON). */
export function fileReply(mediaType: string, description: string) {
  const file = { description, content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } } };
  return { 200: file as unknown as TSchema };
}
