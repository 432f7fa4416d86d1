import type { FastifyError, FastifyInstance } from 'fastify';
import type { ErrorBody, ErrorCode } from '../../common/api/errors';
import { ConflictListError, OfficeError } from '../errors';

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
  /** The schema holding the failed keyword (the validators run with Ajv's `verbose`). */
  parentSchema?: unknown;
}

function fieldPath(context: string, instancePath: string, child?: unknown): string {
  const parts = [context, ...instancePath.split('/').filter(Boolean)];
  if (typeof child === 'string') parts.push(child);
  return parts.join('.');
}

/** The values a schema allows when it is a list of them (a union of literals, maybe nullable). */
function choicesOf(schema: unknown): unknown[] | null {
  if (typeof schema !== 'object' || schema === null) return null;
  const { anyOf, enum: values, type } = schema as { anyOf?: unknown[]; enum?: unknown[]; type?: unknown };
  if ('const' in schema) return [schema.const];
  if (Array.isArray(values)) return values;
  if (type === 'null') return [null];
  if (!Array.isArray(anyOf)) return null;
  const choices: unknown[] = [];
  for (const branch of anyOf) {
    const more = choicesOf(branch);
    if (!more) return null;
    choices.push(...more);
  }
  return choices;
}

/**
 * The values the field allows, when it is one of a list: Ajv reports a union's choices one
 * failed branch at a time, the union itself last.
 */
function allowedValues(errors: AjvError[], instancePath: string): unknown[] | null {
  const list = errors.findLast(
    (error) => error.instancePath === instancePath && ['anyOf', 'enum', 'const'].includes(error.keyword),
  );
  return list ? choicesOf(list.parentSchema) : null;
}

/** The first schema violation, as a stable code and the field it concerns. */
function validationError(error: FastifyError): ErrorBody['error'] {
  // `query.limit`, as the handlers name query fields (a bad paging cursor is `query.before`).
  const context = error.validationContext === 'querystring' ? 'query' : (error.validationContext ?? 'body');
  const errors = (error.validation ?? []) as AjvError[];
  const first = errors[0];
  if (!first) return { code: 'bad_request', message: error.message };
  if (first.keyword === 'additionalProperties') {
    const field = fieldPath(context, first.instancePath, first.params.additionalProperty);
    return { code: 'unknown_field', message: `${field} is not a known field`, field };
  }
  if (first.keyword === 'required') {
    const field = fieldPath(context, first.instancePath, first.params.missingProperty);
    return { code: 'missing_field', message: `${field} is required`, field };
  }
  const field = fieldPath(context, first.instancePath);
  const choices = allowedValues(errors, first.instancePath);
  if (choices) {
    const list = choices.map((value) => JSON.stringify(value)).join(', ');
    return { code: 'invalid_field', message: `${field} must be one of ${list}`, field };
  }
  return { code: 'invalid_field', message: `${field} ${first.message ?? 'is not valid'}`, field };
}

const FASTIFY_CODES: Record<string, { status: number; code: ErrorCode }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad_request' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload_too_large' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_json' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json' },
};

/**
 * One error handler: refusals become `{ error: { code, message, field?, reason? } }`; anything
 * unexpected is logged and answered 500 without its details.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof OfficeError) {
      const body: ErrorBody = { error: { code: error.code, message: error.message } };
      if (error.field) body.error.field = error.field;
      if (error.reason) body.error.reason = error.reason;
      if (error instanceof ConflictListError) body.error.conflicts = error.conflicts;
      return reply.status(error.status).send(body);
    }
    if (error.validation) return reply.status(400).send({ error: validationError(error) });
    const known = error.code ? FASTIFY_CODES[error.code] : undefined;
    if (known)
      return reply.status(known.status).send({ error: { code: known.code, message: error.message } });
    if (error instanceof SyntaxError || (error.statusCode === 400 && /JSON/i.test(error.message))) {
      return reply
        .status(400)
        .send({ error: { code: 'invalid_json', message: 'The body is not valid JSON' } });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: { code: 'bad_request', message: error.message } });
    }
    request.log.error({ err: error }, 'request failed');
    return reply
      .status(500)
      .send({ error: { code: 'internal_error', message: 'Something went wrong on the server' } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({
      error: { code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0]}` },
    }),
  );
}
