// JSON bodies, with one allowance: a route that needs no body (a DELETE, a logout) also takes
// an empty one labelled `application/json`, as many HTTP clients send it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { OfficeError } from '../errors';

/**
 * Request bodies are flat objects; parsing 256 KB of brackets nested a hundred thousand deep
 * holds the event loop for tens of milliseconds, so such a body is refused unparsed, as JSON
 * this server does not read (whether or not it would parse).
 */
export const MAX_JSON_DEPTH = 32;

/** Whether arrays and objects nest deeper than `MAX_JSON_DEPTH`, brackets in strings aside. */
function nestsTooDeep(text: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_JSON_DEPTH) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** No body declared, or one whose every field is optional. */
function needsNoBody(request: FastifyRequest): boolean {
  const body = request.routeOptions.schema?.body as
    { required?: string[]; minProperties?: number } | undefined;
  return !body || (!body.required?.length && !body.minProperties);
}

export function installJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser(
    app.initialConfig.onProtoPoisoning ?? 'error',
    app.initialConfig.onConstructorPoisoning ?? 'error',
  );
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body: string, done) => {
    if (body === '' && needsNoBody(request)) {
      done(null, undefined);
      return;
    }
    if (nestsTooDeep(body)) {
      done(
        new OfficeError(400, 'invalid_json', `The body nests deeper than ${MAX_JSON_DEPTH} levels`),
        undefined,
      );
      return;
    }
    parseJson(request, body, done);
  });
  // No body, or an empty one, is then no fields at all for a route whose fields are all optional.
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined && request.routeOptions.schema?.body && needsNoBody(request)) {
      request.body = {};
    }
  });
}
