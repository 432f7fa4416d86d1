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
