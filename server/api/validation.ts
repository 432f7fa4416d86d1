import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import fastJson from 'fast-json-stringify';
import { OfficeError } from '../errors';

// `verbose` gives each error its schema, so a refused choice can list the allowed ones.
const COMMON: Options = {
  allErrors: false,
  removeAdditional: false,
  useDefaults: true,
  strict: false,
  verbose: true,
};

const exact = addFormats.default(new Ajv({ ...COMMON, coerceTypes: false }));
const coercing = addFormats.default(new Ajv({ ...COMMON, coerceTypes: 'array' }));

/**
 * `compile`, run once per distinct schema in the process. Every office a process builds declares
 * the same routes (the embedded office started again, each test's office), and compiling their
 * validators and serializers anew was most of a new office's start-up. A compiled validator or
 * serializer keeps no state between calls, so offices can share it. Schemas are compared as JSON,
 * which is all that Ajv and fast-json-stringify read of them; the routes' schemas are a fixed set,
 * so the map stays as small as they are.
 */
function compiledOnce<T>(compile: (schema: object) => T): (schema: object) => T {
  const compiled = new Map<string, T>();
  return (schema) => {
    const key = JSON.stringify(schema);
    let done = compiled.get(key);
    if (done === undefined) {
      done = compile(schema);
      compiled.set(key, done);
    }
    return done;
  };
}

const validatorOfBody = compiledOnce((schema) => exact.compile(schema));
const validatorOfText = compiledOnce((schema) => coercing.compile(schema));
// What Fastify's own serializer compiler does for an app with no shared schemas.
const serializerOf = compiledOnce((schema) => fastJson(schema));

/**
 * Bodies are validated exactly as sent (a number where a string belongs is an error); query
 * strings and path parameters arrive as text, so those are coerced to the declared types.
 * Text holding U+0000 is refused on every database alike: PostgreSQL cannot store it. Replies
 * are written by their declared schemas.
 */
export function installSchemaCompilers(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? validatorOfBody : validatorOfText)(schema as object),
  );
  app.setSerializerCompiler(({ schema }) => serializerOf(schema as object));
  app.addHook('preHandler', async (request) => {
    const field =
      nulField(request.params, 'params') ??
      nulField(request.query, 'query') ??
      // Only a body a schema declared is read by its route as fields.
      (request.routeOptions.schema?.body ? nulField(request.body, 'body') : null);
    if (field)
      throw new OfficeError(400, 'invalid_field', `${field} must not contain a NUL character`, field);
  });
}

/** Where a string holds U+0000, as `body.a.0.b`. Iterative: a body may nest deeply. */
function nulField(root: unknown, context: string): string | null {
  const pending: [unknown, string][] = [[root, context]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [value, path] = next;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path;
    } else if (isJsonContainer(value)) {
      for (const [key, child] of Object.entries(value)) pending.push([child, `${path}.${key}`]);
    }
  }
  return null;
}

/**
 * What parsing JSON, a query string or a path makes; not a Buffer or other view of bytes (an
 * audio upload), where a 0 is just a byte, and whose millions of entries must not be walked.
 */
function isJsonContainer(value: unknown): value is object {
  return value !== null && typeof value === 'object' && !ArrayBuffer.isView(value);
}
