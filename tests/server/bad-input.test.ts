// Throws generated bad requests at every route of the OpenAPI document, as nobody, a user and
// an admin: never a 5xx, always a well-formed error, and nothing half-created.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../common/api/errors';
import { TestOffice } from '../support/office';
import { seededRandom } from '../support/random';

const WEIRD_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1e308,
  -1e308,
  3.5,
  '',
  ' ',
  'x'.repeat(10_000),
  '\u0000\uFFFF\uD800',
  '../../etc/passwd',
  [],
  [1, 'two', null],
  {},
  { nested: { deeper: { deepest: [{}] } } },
  '2026-13-45T99:99:99Z',
  'not-an-email',
  '+0000',
];

const RAW_BODIES = [
  '{',
  '{"login": "100", "password": ',
  '{"a":1}}}',
  '[1,2,3',
  'null',
  '"just a string"',
  '\u0000\u0001\u0002binary',
  '{"__proto__": {"isAdmin": true}}',
  '{"constructor": {"prototype": {"polluted": true}}}',
  `{"deep": ${'['.repeat(500)}${']'.repeat(500)}}`,
];

const BAD_IDS = ['..', '%2e%2e%2f', 'x'.repeat(1000), '%F0%9F%92%A9', 'id%20with%20space', "1'%20OR%201=1"];
const BAD_QUERIES = [
  'limit=-1',
  'limit=abc',
  'limit=100000',
  'before=***',
  'before=bm90LWpzb24',
  'assigned=maybe',
  'filter=weird',
  'from=yesterday',
  'extension=12a',
  'result=exploded',
  'unknown=1',
];

interface Route {
  method: string;
  path: string;
}

function nested(depth: number): unknown {
  return depth === 0 ? 'leaf' : { level: nested(depth - 1) };
}

function randomBody(random: () => number): unknown {
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)]!;
  const fields = [
    'name',
    'email',
    'login',
    'password',
    'scope',
    'extension',
    'role',
    'kind',
    'mode',
    'read',
    'number',
    'preferences',
    'security',
    'limit',
    'refreshToken',
    'code',
  ];
  const body: Record<string, unknown> = {};
  const count = 1 + Math.floor(random() * 5);
  for (let i = 0; i < count; i++) body[pick(fields)] = random() < 0.1 ? nested(40) : pick(WEIRD_VALUES);
  if (random() < 0.3) body[`unexpected_${Math.floor(random() * 1000)}`] = 1;
  return random() < 0.1 ? pick(WEIRD_VALUES) : body;
}

describe('bad input at every route', () => {
  let office: TestOffice;
  let routes: Route[];
  let tokens: (string | undefined)[];

  beforeAll(async () => {
    office = await TestOffice.start('sqlite', { smtpUrl: null });
    const admin = await office.adminToken();
    const user = await office.createSignedInUserFromOutbox(admin, 'Fuzz Target');
    tokens = [undefined, user, admin];
    const spec = await office.request('GET', '/openapi.json');
    routes = Object.entries(spec.body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, methods]) =>
        Object.keys(methods).map((method) => ({
          method: method.toUpperCase(),
          path: path.replace(/^\/api\/v1/, ''),
        })),
    );
  });
  afterAll(() => office?.close());

  /** office.request, with the request named if the connection itself fails. */
  async function send(context: string, ...args: Parameters<TestOffice['request']>) {
    try {
      return await office.request(...args);
    } catch (error) {
      throw new Error(`${args[0]} ${args[1]} ${context}: ${String(error)}`, { cause: error });
    }
  }

  function expectWellFormedError(response: { status: number; body: any }, context: string) {
    expect(response.status, context).toBeLessThan(500);
    if (response.status >= 400) {
      expect(ERROR_CODES, `${context}: ${JSON.stringify(response.body)}`).toContain(
        response.body?.error?.code,
      );
      expect(typeof response.body.error.message, context).toBe('string');
    }
  }

  it('discovers the routes from the OpenAPI document', () => {
    expect(routes.length).toBeGreaterThan(35);
    expect(routes).toContainEqual({ method: 'POST', path: '/admin/users' });
  });

  it('never answers 5xx to a few hundred generated bodies per route', async () => {
    const usersBefore = await office.office.db.selectFrom('users').select('id').execute();
    const random = seededRandom(20261124);
    let sent = 0;
    for (const route of routes) {
      const path = route.path.replace(/\{id\}/g, '00000000-0000-0000-0000-000000000000');
      // fetch sends no body with GET; those routes get the query and path cases.
      const bodies = route.method !== 'GET' && route.method !== 'HEAD';
      for (const token of tokens) {
        for (const raw of bodies ? RAW_BODIES : []) {
          const response = await send(`raw ${raw.slice(0, 40)}`, route.method, path, { token, rawBody: raw });
          expectWellFormedError(response, `${route.method} ${path} raw ${raw.slice(0, 40)}`);
          sent++;
        }
        for (let i = 0; i < (bodies ? 40 : 0); i++) {
          const body = randomBody(random);
          const response = await send(JSON.stringify(body).slice(0, 200), route.method, path, {
            token,
            body,
          });
          expectWellFormedError(response, `${route.method} ${path} ${JSON.stringify(body).slice(0, 200)}`);
          sent++;
        }
        if (bodies) {
          const wrongType = await send('form body', route.method, path, {
            token,
            rawBody: 'name=x',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
          });
          expectWellFormedError(wrongType, `${route.method} ${path} form body`);
        }
        for (const query of BAD_QUERIES) {
          expectWellFormedError(
            await send(query, route.method, `${path}?${query}`, { token }),
            `${path}?${query}`,
          );
        }
        if (route.path.includes('{id}')) {
          for (const id of BAD_IDS) {
            const response = await send(
              `id ${id.slice(0, 30)}`,
              route.method,
              route.path.replace('{id}', id),
              {
                token,
                ...(bodies && { body: {} }),
              },
            );
            expectWellFormedError(response, `${route.method} ${route.path} id ${id.slice(0, 30)}`);
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(
      routes.filter((r) => r.method !== 'GET' && r.method !== 'HEAD').length * 3 * 40,
    );
    const usersAfter = await office.office.db.selectFrom('users').select('id').execute();
    expect(usersAfter).toHaveLength(usersBefore.length);
    expect((await office.request('GET', '/health')).status).toBe(200);
  }, 240_000);

  it('names the field in validation errors', async () => {
    const admin = tokens[2];
    const unknown = await office.request('POST', '/admin/users', {
      token: admin,
      body: { name: 'A', email: 'a@example.com', isAdmin: true },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'unknown_field', field: 'body.isAdmin' });
    const wrongType = await office.request('POST', '/admin/users', {
      token: admin,
      body: { name: 42, email: 'a@example.com' },
    });
    expect(wrongType.body.error).toMatchObject({ code: 'invalid_field', field: 'body.name' });
    const missing = await office.request('POST', '/admin/users', { token: admin, body: { name: 'A' } });
    expect(missing.body.error).toMatchObject({ code: 'missing_field', field: 'body.email' });
    const tooLong = await office.request('PATCH', '/admin/company', {
      token: admin,
      body: { name: 'x'.repeat(121) },
    });
    expect(tooLong.body.error).toMatchObject({ code: 'invalid_field', field: 'body.name' });
    const nestedField = await office.request('PATCH', '/admin/company', {
      token: admin,
      body: { security: { lockoutThreshold: 'five' } },
    });
    expect(nestedField.body.error).toMatchObject({
      code: 'invalid_field',
      field: 'body.security.lockoutThreshold',
    });
    const malformed = await office.request('POST', '/auth/login', { rawBody: '{"login":' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('invalid_json');
    const poisoned = await office.request('POST', '/auth/login', { rawBody: '{"__proto__":{"x":1}}' });
    expect(poisoned.status).toBe(400);
  });
});
