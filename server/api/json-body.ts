// JSON bodies, with one allowance: a route that needs no body (a DELETE, a logout) also takes
// an empty one labelled `application/json`, as many HTTP clients send it.
import type { FastifyInstance, FastifyRequest } from 'fastify';

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
    parseJson(request, body, done);
  });
  // No body, or an empty one, is then no fields at all for a route whose fields are all optional.
  app.addHook('preValidation', async (request) => {
    if (request.body === undefined && request.routeOptions.schema?.body && needsNoBody(request)) {
      request.body = {};
    }
  });
}
