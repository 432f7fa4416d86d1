import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';
import { OfficeError } from '../errors';

// `verbose` gives each error its schema, so a refused choice can list the allowed ones.
const COMMON: Options = {
  allErrors: false,
  removeAdditional: false,
  useDefaults: true,
  strict: false,
  verbose: true,
};

/**
 * Bodies are validated exactly as sent (a number where a string belongs is an error); query
 * strings and path parameters arrive as text, so those are coerced to the declared types.
 * Text holding U+0000 is refused on every database alike: PostgreSQL cannot store it.
 */
export function installValidators(app: FastifyInstance): void {
  const exact = addFormats.default(new Ajv({ ...COMMON, coerceTypes: false }));
  const coercing = addFormats.default(new Ajv({ ...COMMON, coerceTypes: 'array' }));
  app.setValidatorCompiler(({ schema, httpPart }) =>
    (httpPart === 'body' ? exact : coercing).compile(schema as object),
  );
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
