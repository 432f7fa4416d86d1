// Throws generated bad requests at every route of the live OpenAPI document, as nobody, a user
// and an admin: never a 5xx, always a well-formed `{ error: { code, message, field? } }`, the
// field named where the refusal is clear, and nothing half-created. Routes, their bodies and
// their query strings come from /api/v1/openapi.json, so a new route is covered as it lands.
// Reproduce a failure with the seed it names: FUZZ_SEED=<seed> npx vitest run <this file>.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../common/api/errors';
import { DATABASES, useTestOffice, type TestOffice } from '../support/office';
import { seededRandom } from '../support/random';
import { routesOf, withIds, type Route, type Schema } from '../support/openapi-routes';
import {
  bodyWith,
  brokenJson,
  invalidValues,
  leavesOf,
  objectsOf,
  pick,
  randomInvalidBody,
  typeOf,
  validValue,
  WEIRD_VALUES,
} from '../support/bad-values';
import { queryValue, send, type Reply, type SendOptions } from '../support/raw-request';

const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const NIL_ID = '00000000-0000-0000-0000-000000000000';
/** Generated JSON bodies per route and token in the random barrage; raw-text mutations as many again. */
const BODIES_PER_ROUTE = 40;

// ---------------------------------------------------------------------------------------------
// What every route refuses, whatever its schema; the values each schema refuses are built in
// ../support/bad-values.ts.

/**
 * Bodies that are not JSON at all, or JSON nested deeper than the server parses. Each must be
 * a 400 `invalid_json` once the caller is let in.
 */
const MALFORMED_JSON = [
  '',
  '{',
  '}',
  '{"login": "100", "password": ',
  '{"a":1}}}',
  '{} trailing',
  '{}{}',
  '[1,2,3',
  "{'single': 'quotes'}",
  '{"a": NaN}',
  '{"a": Infinity}',
  '{"a": -Infinity}',
  '{"a": 0x10}',
  '{"a": 01}',
  '{"a": .5}',
  '{"a": +1}',
  '{"a": undefined}',
  '{a: 1}',
  '{"a": 1,}',
  '{"a" 1}',
  '{"a": "unterminated}',
  '{"a": "bad escape \\x41"}',
  '{"a": 1} // comment',
  '/* comment */ {}',
  '\u0000\u0001\u0002binary',
  `{"deep": ${'['.repeat(100_000)}`,
  `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
  // Prototype poisoning: the parser refuses these outright.
  '{"__proto__": {"isAdmin": true}}',
  '{"constructor": {"prototype": {"polluted": true}}}',
  `${'{"a":'.repeat(2000)}{"__proto__":1}${'}'.repeat(2000)}`,
];

/** JSON that parses but is no body any route accepts (every body is an object). */
const NOT_AN_OBJECT = ['null', 'true', '0', '-1', '1e400', '"just a string"', '[]', '[{}]'];

/** Content types no route parses. */
const FOREIGN_TYPES = [
  'application/x-www-form-urlencoded',
  'application/xml',
  'application/octet-stream',
  'multipart/form-data; boundary=x',
  'image/png',
  'application/jsonx',
];

// ---------------------------------------------------------------------------------------------
// What a refusal must look like.

const fieldName = (context: string, path: string[]) => [context, ...path].join('.');

/** A body whose fields are all optional: an empty body is then no fields at all, and taken. */
const takesNoFields = (body: Schema) => !body.required?.length && !body.minProperties;

const describeRequest = (method: string, path: string, what: unknown) => {
  const shown =
    typeof what === 'string'
      ? what
      : what instanceof Uint8Array
        ? `${what.length} bytes`
        : JSON.stringify(what);
  return `${method} ${path.slice(0, 120)} ${String(shown).slice(0, 160)} (seed ${SEED})`;
};

/** No 5xx, and every refusal the one error shape with a known code and no internals in it. */
function expectWellFormed(reply: Reply, context: string): void {
  expect(reply.status, `${context}: ${reply.text.slice(0, 300)}`).toBeLessThan(500);
  if (reply.status < 400) return;
  expect(reply.contentType, context).toContain('application/json');
  const error = reply.body?.error;
  expect(Object.keys(reply.body ?? {}), `${context}: ${reply.text.slice(0, 300)}`).toEqual(['error']);
  expect(ERROR_CODES, `${context}: ${reply.text.slice(0, 300)}`).toContain(error?.code);
  expect(typeof error.message === 'string' && error.message.length > 0, context).toBe(true);
  expect(
    Object.keys(error).every((key) => ['code', 'message', 'field'].includes(key)),
    context,
  ).toBe(true);
  if ('field' in error) expect(typeof error.field, context).toBe('string');
  expect(reply.text, context).not.toMatch(/node_modules|\.ts:\d+|\n\s+at /);
}

function expectRefusal(
  reply: Reply,
  status: number,
  code: string,
  field: string | undefined,
  context: string,
) {
  expectWellFormed(reply, context);
  expect({ status: reply.status, ...reply.body?.error }, context).toMatchObject({
    status,
    code,
    ...(field !== undefined && { field }),
  });
}

/** Rows in every table: a refused request leaves all of them as they were. */
async function tableCounts(office: TestOffice): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const { name } of await office.office.db.introspection.getTables()) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(name)}`.execute(
      office.office.db,
    );
    counts[name] = Number(rows[0]?.n);
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------
// One office per database, and what it needs to call every route.

interface Fixture {
  office: TestOffice;
  routes: Route[];
  tokens: { user: string; admin: string };
  /** The token that gets past a route's sign-in check (none for public routes). */
  tokenFor: (route: Route) => string | undefined;
  send: (method: string, path: string, options?: SendOptions) => Promise<Reply>;
}

/** For an office without SMTP, as `useTestOffice(database, { smtpUrl: null })` starts one. */
async function fixtureOf(office: TestOffice): Promise<Fixture> {
  const admin = await office.adminToken();
  const user = (await office.createSignedInUserFromOutbox(admin, 'Fuzz Target')).token;
  const spec = await send(office.baseUrl, 'GET', '/openapi.json');
  return {
    office,
    routes: routesOf(spec.body),
    tokens: { user, admin },
    tokenFor: (route) => (route.scope === 'admin' ? admin : route.scope === 'user' ? user : undefined),
    send: (method, path, options) => send(office.baseUrl, method, path, options),
  };
}

// ---------------------------------------------------------------------------------------------
// Refusals whose answer is clear, derived from each route's own schemas: on both databases,
// since the storage (not the schemas) is where the databases differ.

describe.each(DATABASES)('schema-derived refusals at every route on %s', (database) => {
  const office = useTestOffice(database, { smtpUrl: null });
  let f: Fixture;
  let countsBefore: Record<string, number>;

  beforeAll(async () => {
    f = await fixtureOf(office);
    countsBefore = await tableCounts(f.office);
  });

  const bodyRoutes = () => f.routes.filter((route) => route.body);

  it('discovers the routes, their bodies and their query strings from the OpenAPI document', () => {
    expect(f.routes.length).toBeGreaterThan(35);
    expect(f.routes).toContainEqual(expect.objectContaining({ method: 'POST', path: '/admin/users' }));
    expect(bodyRoutes().length).toBeGreaterThan(15);
    expect(f.routes.filter((route) => Object.keys(route.query).length > 0).length).toBeGreaterThan(4);
    // The policy this test holds every route to: bodies are strict objects, and every string
    // has a maximum length (or is one of a list), in bodies and query strings alike.
    const bounded = (schema: Schema): boolean =>
      schema.anyOf
        ? schema.anyOf.every(bounded)
        : schema.type !== 'string' || !!schema.enum || schema.maxLength !== undefined;
    for (const route of f.routes) {
      const where = `${route.method} ${route.path}`;
      for (const { path, schema } of route.body ? objectsOf(route.body) : []) {
        expect(schema.additionalProperties, `${where} body.${path.join('.')}`).toBe(false);
      }
      for (const { path, schema } of route.body ? leavesOf(route.body) : []) {
        expect(bounded(schema), `${where} body.${path.join('.')} has no maxLength`).toBe(true);
      }
      for (const [name, schema] of Object.entries(route.query)) {
        expect(bounded(schema), `${where} query.${name} has no maxLength`).toBe(true);
      }
    }
  });

  it('answers an over-long address or header in the same error shape', async () => {
    const longQuery = await f.send('GET', `/admin/users?search=${'x'.repeat(20_000)}`, {
      token: f.tokens.admin,
    });
    expectRefusal(longQuery, 431, 'bad_request', undefined, 'a 20,000-character query string');
    const longToken = await f.send('GET', '/me', { authorization: `Bearer ${'a'.repeat(20_000)}` });
    expectRefusal(longToken, 431, 'bad_request', undefined, 'a 20,000-character authorization header');
    const longPath = await f.send('GET', `/admin/users/${'x'.repeat(5000)}`, { token: f.tokens.admin });
    expectRefusal(longPath, 414, 'bad_request', undefined, 'a 5,000-character path parameter');
  });

  it('asks for a sign-in before it reads anything on /me and /admin routes', async () => {
    const badAuthorizations = [
      undefined,
      'Bearer',
      'Bearer ',
      'Bearer short',
      `Bearer ${'a'.repeat(2000)}`,
      'Bearer not.a.real.token.at.all',
      'Basic Zm9vOmJhcg==',
      `Bearer ${f.tokens.user}x`,
      `bearer${f.tokens.user}`,
    ];
    for (const route of f.routes.filter((r) => r.scope !== 'public')) {
      const path = withIds(route, NIL_ID);
      const withBody = route.method !== 'GET' ? { raw: '{"truncated": ' } : {};
      for (const authorization of badAuthorizations) {
        const reply = await f.send(route.method, path, { authorization, ...withBody });
        expectRefusal(
          reply,
          401,
          'unauthenticated',
          undefined,
          describeRequest(route.method, path, authorization),
        );
      }
      if (route.scope === 'admin') {
        const reply = await f.send(route.method, path, { token: f.tokens.user, ...withBody });
        expectRefusal(reply, 403, 'forbidden', undefined, describeRequest(route.method, path, 'user token'));
      }
    }
  });

  it('names the unknown field, at the top of the body and inside every nested object', async () => {
    for (const route of bodyRoutes()) {
      const path = withIds(route, NIL_ID);
      for (const { path: at } of objectsOf(route.body!)) {
        for (const key of ['zz_unknown', 'isAdmin', 'constructor', 'ünknøwn']) {
          const body = bodyWith(route.body!, [...at, key], 1);
          const reply = await f.send(route.method, path, { token: f.tokenFor(route), json: body });
          expectRefusal(
            reply,
            400,
            'unknown_field',
            fieldName('body', [...at, key]),
            describeRequest(route.method, path, body),
          );
        }
      }
    }
  });

  it('names the field that has a wrong type, an overstepped limit or a NUL', async () => {
    let checked = 0;
    for (const route of bodyRoutes()) {
      const path = withIds(route, NIL_ID);
      for (const leaf of leavesOf(route.body!)) {
        for (const value of invalidValues(leaf.schema)) {
          const body = bodyWith(route.body!, leaf.path, value);
          const reply = await f.send(route.method, path, { token: f.tokenFor(route), json: body });
          expectRefusal(
            reply,
            400,
            'invalid_field',
            fieldName('body', leaf.path),
            describeRequest(route.method, path, body),
          );
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('refuses malformed JSON, bodies that are not objects and foreign content types', async () => {
    for (const route of bodyRoutes()) {
      const path = withIds(route, NIL_ID);
      const token = f.tokenFor(route);
      for (const raw of MALFORMED_JSON) {
        if (raw === '' && takesNoFields(route.body!)) continue;
        const reply = await f.send(route.method, path, { token, raw });
        expectRefusal(reply, 400, 'invalid_json', undefined, describeRequest(route.method, path, raw));
      }
      // Bytes that are not UTF-8 at all.
      for (const bytes of [
        [0xff, 0xfe, 0x00, 0x7b],
        [0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d],
        [0xc0, 0xaf],
      ]) {
        const raw = Uint8Array.from(bytes);
        expectRefusal(
          await f.send(route.method, path, { token, raw }),
          400,
          'invalid_json',
          undefined,
          describeRequest(route.method, path, raw),
        );
      }
      for (const raw of NOT_AN_OBJECT) {
        const reply = await f.send(route.method, path, { token, raw });
        expectRefusal(
          reply,
          400,
          'invalid_field',
          'body',
          describeRequest(route.method, path, raw.slice(0, 40)),
        );
      }
      const valid = JSON.stringify(validValue(route.body!, 'body'));
      for (const contentType of FOREIGN_TYPES) {
        const reply = await f.send(route.method, path, { token, raw: valid, contentType });
        expectRefusal(
          reply,
          415,
          'unsupported_media_type',
          undefined,
          describeRequest(route.method, path, contentType),
        );
      }
      // Plain text is parsed as a string, which is not the object the route wants.
      const text = await f.send(route.method, path, { token, raw: valid, contentType: 'text/plain' });
      expectRefusal(text, 400, 'invalid_field', 'body', describeRequest(route.method, path, 'text/plain'));
      // Over the body limit.
      const huge = await f.send(route.method, path, { token, json: { name: 'x'.repeat(300 * 1024) } });
      expectRefusal(
        huge,
        413,
        'payload_too_large',
        undefined,
        describeRequest(route.method, path, '300 KiB'),
      );
    }
  });

  it('names the query parameter that is malformed, out of range or unknown', async () => {
    for (const route of f.routes.filter((r) => Object.keys(r.query).length > 0)) {
      const path = withIds(route, NIL_ID);
      const token = f.tokenFor(route);
      const check = async (query: string, field: string, code = 'invalid_field') => {
        const reply = await f.send(route.method, `${path}?${query}`, { token });
        expectRefusal(reply, 400, code, field, describeRequest(route.method, `${path}?${query}`, ''));
      };
      await check('zz_unknown=1', 'query.zz_unknown', 'unknown_field');
      for (const [name, schema] of Object.entries(route.query)) {
        const field = `query.${name}`;
        const bad: string[] = [];
        const type = typeOf(schema);
        if (type === 'integer' || type === 'number') {
          bad.push('abc', 'NaN', '', '1e400', '-1e400', '5abc');
          if (type === 'integer') bad.push('3.5');
          if (schema.minimum !== undefined) bad.push(String(schema.minimum - 1), '-99999999999999999999');
          if (schema.maximum !== undefined) bad.push(String(schema.maximum + 1), '99999999999999999999');
          await check(`${name}=1&${name}=2`, field);
        } else if (type === 'boolean') {
          bad.push('maybe', 'TRUE', 'yes', '2', '');
        } else if (schema.anyOf || schema.enum) {
          bad.push('maybe', '', 'ALL', 'x'.repeat(1000));
        } else if (type === 'string') {
          if (schema.maxLength !== undefined) bad.push('x'.repeat(schema.maxLength + 1));
          if (schema.pattern) bad.push('***', 'a b', '../..', 'ünï');
          if (schema.format === 'date-time') bad.push('yesterday', '2026-13-45T99:99:99Z', '2026-01-01');
          bad.push('a\u0000b');
        }
        for (const value of bad) await check(`${name}=${encodeURIComponent(value)}`, field);
        // Percent-escapes that are not UTF-8, or not escapes at all: never a crash.
        for (const raw of ['%FF', '%C0%AF', '%', '%zz', '%00%00', '%E2%82']) {
          const reply = await f.send(route.method, `${path}?${name}=${raw}`, { token });
          expectWellFormed(reply, describeRequest(route.method, `${path}?${name}=${raw}`, ''));
        }
        if (name === 'before') {
          // Cursors that pass the pattern but are not ours.
          const cursor = (value: string) => Buffer.from(value).toString('base64url');
          for (const forged of [
            'bm90LWpzb24',
            cursor('[1,2]'),
            cursor('{"a":"b"}'),
            cursor('["\\u0000","x"]'),
            cursor('["a"]'),
          ]) {
            await check(`before=${forged}`, field);
          }
          // A well-formed cursor that points nowhere is simply an empty page.
          const empty = await f.send(route.method, `${path}?before=${cursor('["", ""]')}`, { token });
          expect(empty.status, describeRequest(route.method, path, 'empty cursor')).toBe(200);
        }
        if (type === 'string' && !schema.pattern && !schema.format && !schema.anyOf && !schema.enum) {
          // Free text is data, never SQL or a LIKE pattern that breaks the query.
          for (const text of ["' OR '1'='1' --", '%', '_', '\\', '%%\\_']) {
            const reply = await f.send(route.method, `${path}?${name}=${encodeURIComponent(text)}`, {
              token,
            });
            expect(reply.status, describeRequest(route.method, path, `${name}=${text}`)).toBe(200);
          }
        }
      }
    }
  });

  it('refuses malformed path parameters and answers 404 for ids that name nothing', async () => {
    const badIds: [string, number][] = [
      [encodeURIComponent("1' OR '1'='1"), 400],
      [encodeURIComponent('ünï💩'), 400],
      ['%00', 400],
      ['a%2Fb', 400],
      ['%2e%2e%2f', 400],
      ['x'.repeat(65), 400],
    ];
    // Addresses the router cannot take at all, or that lead to some other (or no) route.
    const unroutable = ['..', 'a/b', '%zz', 'x'.repeat(1000), '.', '%', '%2e%2e'];
    for (const route of f.routes.filter((r) => r.pathParams.length > 0)) {
      const token = f.tokenFor(route);
      const json = route.body ? validValue(route.body, 'body') : undefined;
      for (const [id, status] of badIds) {
        const path = withIds(route, id);
        const reply = await f.send(route.method, path, { token, json });
        expectRefusal(reply, status, 'invalid_field', 'params.id', describeRequest(route.method, path, json));
      }
      for (const id of unroutable) {
        const path = withIds(route, id);
        const reply = await f.send(route.method, path, { token, json });
        expectWellFormed(reply, describeRequest(route.method, path, json));
        expect(reply.status, describeRequest(route.method, path, json)).toBeGreaterThanOrEqual(400);
      }
      if (route.method === 'GET' || route.method === 'DELETE') {
        const reply = await f.send(route.method, withIds(route, NIL_ID), { token });
        expectRefusal(
          reply,
          404,
          'not_found',
          undefined,
          describeRequest(route.method, withIds(route, NIL_ID), ''),
        );
      }
    }
  });

  it('created nothing, and still answers', async () => {
    expect(await tableCounts(f.office)).toEqual(countsBefore);
    expect((await f.send('GET', '/health')).status).toBe(200);
    expect((await f.send('GET', '/me', { token: f.tokens.user })).status).toBe(200);
    expect((await f.send('GET', '/admin/users', { token: f.tokens.admin })).status).toBe(200);
  });
});

// ---------------------------------------------------------------------------------------------
// The barrage: a few hundred seeded random requests per route, as nobody, a user and an admin.
// SQLite only, to stay quick: the schema-derived pass above already runs on both databases.

describe('a seeded barrage of bad requests at every route on sqlite', () => {
  const office = useTestOffice('sqlite', { smtpUrl: null });
  let f: Fixture;

  beforeAll(async () => {
    f = await fixtureOf(office);
  });

  it('never answers 5xx, always a well-formed error, and creates nothing', async () => {
    const countsBefore = await tableCounts(f.office);
    const random = seededRandom(SEED);
    const tokens: { name: string; token: string | undefined }[] = [
      { name: 'nobody', token: undefined },
      { name: 'user', token: f.tokens.user },
      { name: 'admin', token: f.tokens.admin },
    ];
    let sent = 0;
    for (const route of f.routes) {
      for (const { name, token: callerToken } of tokens) {
        // Signing out with the caller's own token would end the session the barrage goes on with.
        const token = route.path.endsWith('/auth/logout') ? undefined : callerToken;
        const admitted =
          route.scope === 'public' ||
          (token !== undefined && (route.scope === 'user' || token === f.tokens.admin));
        const id =
          random() < 0.8 ? NIL_ID : pick(random, ['x'.repeat(64), '..', 'a%2Fb', '%F0%9F%92%A9', '%zz']);
        const path = withIds(route, id);
        const parsed = admitted && (route.pathParams.length === 0 || id === NIL_ID);
        const check = (reply: Reply, what: unknown, certainlyBad: boolean) => {
          const context = `${name}: ${describeRequest(route.method, path, what)}`;
          expectWellFormed(reply, context);
          // Every body sent to a route with a body schema is wrong for it: none may be taken.
          if (certainlyBad)
            expect(reply.status, `${context}: ${reply.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
          sent++;
        };
        if (route.body) {
          for (let i = 0; i < BODIES_PER_ROUTE; i++) {
            const json = randomInvalidBody(random, route.body);
            check(await f.send(route.method, path, { token, json }), json, true);
            const text = brokenJson(random, JSON.stringify(json));
            if (text === null || (text === '' && takesNoFields(route.body))) continue;
            const reply = await f.send(route.method, path, { token, raw: text });
            check(reply, text, true);
            if (parsed) {
              expect(reply.body?.error?.code, `${name}: ${describeRequest(route.method, path, text)}`).toBe(
                'invalid_json',
              );
            }
          }
          const bytes = Uint8Array.from({ length: 64 }, () => Math.floor(random() * 256));
          bytes[0] = 0xff;
          check(await f.send(route.method, path, { token, raw: bytes }), bytes, true);
        } else if (route.method !== 'GET') {
          // A body where none is expected is ignored or refused, never a crash.
          const json = randomInvalidBody(random, {
            type: 'object',
            properties: {},
            additionalProperties: false,
          });
          check(await f.send(route.method, path, { token, json }), json, false);
        }
        const names = [...Object.keys(route.query), 'limit', 'before', 'assigned', 'filter', 'unknown'];
        for (let i = 0; i < 6; i++) {
          const query = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
            const value = pick(random, WEIRD_VALUES);
            return `${pick(random, names)}=${queryValue(typeof value === 'string' ? value : JSON.stringify(value))}`;
          }).join('&');
          check(await f.send(route.method, `${path}?${query}`, { token }), query, false);
        }
      }
      // A method the path does not have.
      expectWellFormed(await f.send('PUT', withIds(route, NIL_ID), { json: {} }), `PUT ${route.path}`);
    }
    expect(sent).toBeGreaterThan(
      f.routes.filter((r) => r.body).length * tokens.length * BODIES_PER_ROUTE * 2,
    );
    expect(await tableCounts(f.office)).toEqual(countsBefore);
    expect((await f.send('GET', '/health')).status).toBe(200);
    expect((await f.send('GET', '/me', { token: f.tokens.user })).status).toBe(200);
  }, 120_000);
});
