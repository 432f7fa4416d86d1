// The OpenAPI document as a client generator reads it: valid OpenAPI 3 in shape, every
// operation named and summarised, bodies as named components, the refusals each route really
// answers, and which routes need no token. The refusals it documents are checked against the
// live server: a documented 401, 404, 400 or 415 is what the route answers.
import { beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../common/api/errors';
import { useTestOffice } from '../support/office';

interface MediaType {
  schema: { $ref?: string; type?: string };
}

interface Operation {
  operationId?: string;
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: { in: string; name: string; required?: boolean; schema?: unknown }[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, { description?: string; content?: Record<string, MediaType> }>;
}

interface Spec {
  openapi: string;
  info: { title: string; version: string };
  security: Record<string, string[]>[];
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, unknown>;
    securitySchemes: Record<string, { type: string; scheme?: string }>;
  };
}

const NIL_ID = '00000000-0000-0000-0000-000000000000';
const ERROR_BODY = '#/components/schemas/ErrorBody';

const operationsOf = (spec: Spec) =>
  Object.entries(spec.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path: path.replace(/^\/api\/v1/, ''),
      operation,
      where: `${method.toUpperCase()} ${path}`,
    })),
  );

/** Every `$ref` in the document, with where it sits. */
function refsIn(node: unknown, at = '#'): { at: string; ref: string }[] {
  if (typeof node !== 'object' || node === null) return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === '$ref' && typeof value === 'string' ? [{ at, ref: value }] : refsIn(value, `${at}/${key}`),
  );
}

describe('the OpenAPI document', () => {
  const office = useTestOffice('sqlite', { smtpUrl: null });
  let spec: Spec;
  let admin: string;

  beforeAll(async () => {
    admin = await office.adminToken();
    const response = await office.request<Spec>('GET', '/openapi.json');
    expect(response.status).toBe(200);
    spec = response.body;
  });

  it('is OpenAPI 3 in shape, and every $ref names a component that exists', () => {
    expect(spec.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(spec.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    for (const name of Object.keys(spec.components.schemas)) expect(name).toMatch(/^[A-Za-z0-9._-]+$/);
    for (const { where, path, operation } of operationsOf(spec)) {
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
      const inPath = (operation.parameters ?? []).filter((p) => p.in === 'path');
      expect(inPath.map((p) => p.name).sort(), where).toEqual(templated.sort());
      for (const parameter of operation.parameters ?? []) {
        expect(['query', 'path', 'header', 'cookie'], where).toContain(parameter.in);
        expect(parameter.schema, `${where} ${parameter.name}`).toBeTypeOf('object');
        if (parameter.in === 'path') expect(parameter.required, where).toBe(true);
      }
      expect(Object.keys(operation.responses).length, where).toBeGreaterThan(0);
      for (const [status, response] of Object.entries(operation.responses)) {
        expect(status, where).toMatch(/^[1-5]\d\d$/);
        expect(response.description, `${where} ${status}`).toMatch(/\S/);
        for (const media of Object.values(response.content ?? {}))
          expect(media.schema, `${where} ${status}`).toBeTypeOf('object');
      }
    }
    const refs = refsIn(spec);
    expect(refs.length).toBeGreaterThan(50);
    for (const { at, ref } of refs) {
      expect(ref, at).toMatch(/^#\/components\/schemas\//);
      expect(spec.components.schemas, `${at} → ${ref}`).toHaveProperty([
        ref.replace('#/components/schemas/', ''),
      ]);
    }
    // Nothing listed that nothing uses.
    const used = new Set(refs.map(({ ref }) => ref.replace('#/components/schemas/', '')));
    expect(Object.keys(spec.components.schemas).sort()).toEqual([...used].sort());
  });

  it('gives every operation a unique camelCase operationId and a summary', () => {
    const operations = operationsOf(spec);
    expect(operations.length).toBeGreaterThan(35);
    const ids = operations.map(({ operation }) => operation.operationId);
    for (const [index, { where, operation }] of operations.entries()) {
      expect(operation.operationId, where).toMatch(/^[a-z][A-Za-z]+$/);
      expect(operation.summary, where).toMatch(/\S/);
      expect(ids.indexOf(operation.operationId), `${where}: ${operation.operationId} is used twice`).toBe(
        index,
      );
    }
    expect(ids).toEqual(expect.arrayContaining(['listUsers', 'resetUserPassword', 'login', 'getHealth']));
  });

  it('names every JSON request and response body as a component schema', () => {
    for (const { where, operation } of operationsOf(spec)) {
      const bodies = [
        operation.requestBody?.content['application/json'],
        ...Object.values(operation.responses).map((response) => response.content?.['application/json']),
      ];
      for (const body of bodies.filter((media) => media !== undefined)) {
        expect(body.schema.$ref, where).toMatch(/^#\/components\/schemas\/\w+$/);
      }
    }
    expect(spec.paths['/api/v1/admin/users']?.post?.requestBody?.content['application/json']).toEqual({
      schema: { $ref: '#/components/schemas/CreateUserRequest' },
    });
    // Files are files, not JSON.
    const csv = spec.paths['/api/v1/admin/call-log.csv']!.get!.responses['200']!;
    expect(csv.content).toEqual({ 'text/csv': { schema: { type: 'string', format: 'binary' } } });
    expect(csv.description).toMatch(/row/);
  });

  it('lists the refusals of every operation, each in the error shape with the codes it may carry', () => {
    for (const { where, operation } of operationsOf(spec)) {
      const refusals = Object.entries(operation.responses).filter(([status]) => Number(status) >= 400);
      expect(
        refusals.map(([status]) => status),
        where,
      ).toContain('500');
      for (const [status, response] of refusals) {
        expect(response.content, `${where} ${status}`).toEqual({
          'application/json': { schema: { $ref: ERROR_BODY } },
        });
        const codes = response.description!.split(': ')[1]!.split(', ');
        for (const code of codes) expect(ERROR_CODES, `${where} ${status}`).toContain(code);
      }
    }
    const createUser = spec.paths['/api/v1/admin/users']!.post!.responses;
    expect(createUser['409']?.description).toContain('email_taken');
    expect(createUser['403']?.description).toContain('forbidden');
    expect(spec.paths['/api/v1/auth/login']!.post!.responses['429']?.description).toContain('account_locked');
  });

  it('marks /auth/* and /health as needing no token and every other route as needing a bearer token', () => {
    expect(spec.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(spec.security).toEqual([{ bearer: [] }]);
    for (const { where, path, operation } of operationsOf(spec)) {
      const isPublic = path.startsWith('/auth/') || path === '/health';
      expect(operation.security, where).toEqual(isPublic ? [] : [{ bearer: [] }]);
      const unauthenticated = operation.responses['401']?.description?.includes('unauthenticated') ?? false;
      expect(unauthenticated, where).toBe(!isPublic);
    }
  });

  it('documents what the server answers: no token, an unknown id, an unknown field, a foreign body', async () => {
    let checked = 0;
    for (const { where, method, path, operation } of operationsOf(spec)) {
      const url = path.replace(/\{\w+\}/g, NIL_ID);
      const tries: { status: number; headers?: Record<string, string>; rawBody?: string; token?: string }[] =
        [];
      const token = path.startsWith('/auth/') || path === '/health' ? undefined : admin;
      if (token) tries.push({ status: 401 });
      if (operation.requestBody) {
        tries.push({ status: 400, token, rawBody: '{"zz_unknown": 1}' });
        tries.push({ status: 415, token, rawBody: 'x', headers: { 'content-type': 'application/xml' } });
      } else if (method === 'GET' && path.includes('{id}')) {
        tries.push({ status: 404, token });
      }
      for (const attempt of tries) {
        const reply = await office.request(method, url, attempt);
        expect(reply.status, `${where} ${attempt.rawBody ?? ''}`).toBe(attempt.status);
        expect(operation.responses[String(reply.status)]?.description, where).toContain(
          reply.body.error.code,
        );
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});
