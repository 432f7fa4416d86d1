// Throws generated bad requests at every route of the live OpenAPI document, as nobody, a user
// and an admin: never a 5xx, always a well-formed `{ error: { code, message, field? } }`, the
// field named where the refusal is clear, and nothing half-created. Routes, their bodies and
// their query strings come from /api/v1/openapi.json, so a new route is covered as it lands.
// Reproduce a failure with the seed it names: FUZZ_SEED=<seed> npx vitest run <this file>.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../common/api/errors';
import { DATABASES, TestOffice, type DatabaseChoice } from '../support/office';
import { seededRandom } from '../support/random';

const SEED = Number(process.env.FUZZ_SEED ?? 20261124);
const NIL_ID = '00000000-0000-0000-0000-000000000000';
/** Generated JSON bodies per route and token in the random barrage; raw-text mutations as many again. */
const BODIES_PER_ROUTE = 40;

// ---------------------------------------------------------------------------------------------
// The OpenAPI document, as far as this test reads it.

interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  minProperties?: number;
  anyOf?: Schema[];
  enum?: unknown[];
  nullable?: boolean;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: Schema;
  minItems?: number;
}

interface Operation {
  parameters?: { in: string; name: string; schema: Schema }[];
  requestBody?: { content?: Record<string, { schema: Schema }> };
  /** `[]` where the route needs no token. */
  security?: unknown[];
}

interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

type Scope = 'public' | 'user' | 'admin';

interface Route {
  method: string;
  /** Relative to /api/v1, with `{id}` style placeholders. */
  path: string;
  scope: Scope;
  body: Schema | null;
  query: Record<string, Schema>;
  pathParams: string[];
}

/** The value with every `$ref` replaced by a copy of the component schema it names. */
function inlined<T>(value: T, schemas: Record<string, Schema>): T {
  if (Array.isArray(value)) return value.map((item: unknown) => inlined(item, schemas)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const ref = (value as { $ref?: string }).$ref;
  if (ref) return inlined(schemas[ref.replace('#/components/schemas/', '')] as T, schemas);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, inlined(item, schemas)])) as T;
}

function routesOf(spec: Spec): Route[] {
  const paths = inlined(spec.paths, spec.components.schemas);
  return Object.entries(paths).flatMap(([fullPath, operations]) =>
    Object.entries(operations).map(([method, operation]) => {
      const path = fullPath.replace(/^\/api\/v1/, '');
      const parameters = operation.parameters ?? [];
      // Which token a route needs, as the document says: every other route is then held to it.
      const scope =
        operation.security?.length === 0 ? 'public' : path.startsWith('/admin') ? 'admin' : 'user';
      return {
        method: method.toUpperCase(),
        path,
        scope,
        body: operation.requestBody?.content?.['application/json']?.schema ?? null,
        query: Object.fromEntries(parameters.filter((p) => p.in === 'query').map((p) => [p.name, p.schema])),
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
      } satisfies Route;
    }),
  );
}

const withIds = (route: Route, id: string) =>
  route.pathParams.reduce((path, name) => path.replace(`{${name}}`, id), route.path);

// ---------------------------------------------------------------------------------------------
// Values built from a schema: one that passes it, and several that each break it.

/** Candidates for patterned strings; a new pattern none of them matches fails the test loudly. */
const PATTERN_SAMPLES = [
  'Fuzz',
  '1234',
  '+15551234567',
  '00:11:22:33:44:55',
  'abcdefghijkl',
  'fuzz@example.com',
  'FR',
];

/** A value the schema accepts, with only the required properties of objects. */
function validValue(schema: Schema, where: string): unknown {
  if (schema.anyOf) return validValue(schema.anyOf[0]!, where);
  if (schema.enum) return schema.enum[0];
  switch (schema.type) {
    case 'string': {
      if (schema.format === 'email') return 'fuzz@example.com';
      if (schema.format === 'date-time') return '2026-01-01T00:00:00Z';
      const fits = (s: string) =>
        s.length >= (schema.minLength ?? 0) &&
        s.length <= (schema.maxLength ?? Infinity) &&
        (!schema.pattern || new RegExp(schema.pattern, 'u').test(s));
      const sample = PATTERN_SAMPLES.find(fits);
      if (sample === undefined) throw new Error(`${where}: add a sample matching ${JSON.stringify(schema)}`);
      return sample;
    }
    case 'integer':
    case 'number':
      return schema.minimum ?? Math.min(1, schema.maximum ?? 1);
    case 'boolean':
      return true;
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, (_, i) =>
        validValue(schema.items ?? {}, `${where}.${i}`),
      );
    case 'object':
      return Object.fromEntries(
        (schema.required ?? []).map((name) => [
          name,
          validValue(schema.properties![name]!, `${where}.${name}`),
        ]),
      );
    default:
      throw new Error(`${where}: no valid value for ${JSON.stringify(schema)}`);
  }
}

const typeOf = (schema: Schema): string | undefined => schema.type ?? schema.anyOf?.[0]?.type;

/** Values the schema refuses: wrong types, and for its own type every limit overstepped. */
function invalidValues(schema: Schema): unknown[] {
  const type = typeOf(schema);
  const nonNull = (values: unknown[]) => (schema.nullable ? values.filter((v) => v !== null) : values);
  const choices = schema.enum ?? schema.anyOf?.flatMap((s) => s.enum ?? []);
  switch (type) {
    case 'string': {
      const values: unknown[] = nonNull([42, -1, true, null, [], ['Fuzz'], {}, { value: 'Fuzz' }]);
      if (choices?.length) {
        values.push('maybe', `${String(choices[0]).toUpperCase()}!`);
        if (!choices.includes('')) values.push('');
      }
      if (schema.maxLength !== undefined) {
        values.push('7'.repeat(schema.maxLength + 1));
        if (schema.maxLength < 10_000) values.push('x'.repeat(10_000));
      }
      if (schema.minLength) values.push('');
      if (schema.format === 'email') values.push('not-an-email', '@', 'a@');
      if (schema.format === 'date-time') values.push('yesterday', '2026-13-45T99:99:99Z', '2026-01-01');
      if (schema.pattern) values.push('\u0000', '../../etc/passwd\u0000');
      // A NUL breaks every string: PostgreSQL cannot store it, so no database may receive it.
      values.push(`${String(validValue(schema, 'nul'))}\u0000`);
      return values;
    }
    case 'integer':
    case 'number': {
      const values: unknown[] = nonNull(['5', 'NaN', 'Infinity', '', true, null, [], {}, [5]]);
      if (type === 'integer') values.push(3.5, 1e-7);
      if (schema.minimum !== undefined) values.push(schema.minimum - 1, -1e308, Number.MIN_SAFE_INTEGER - 2);
      if (schema.maximum !== undefined) values.push(schema.maximum + 1, 1e308, 2 ** 53 + 1);
      return values;
    }
    case 'boolean':
      return nonNull(['true', 'false', 1, 0, null, [], {}, [true]]);
    case 'object':
      return nonNull(['Fuzz', 1, true, null, [], [{}]]);
    case 'array':
      return nonNull(['Fuzz', 1, {}, null]);
    default:
      return [];
  }
}

interface Leaf {
  /** Property names from the body's root. */
  path: string[];
  schema: Schema;
}

/** Every property at every depth, objects included (a wrong type there is refused there). */
function leavesOf(schema: Schema, path: string[] = []): Leaf[] {
  return Object.entries(schema.properties ?? {}).flatMap(([name, child]) => [
    { path: [...path, name], schema: child },
    ...(typeOf(child) === 'object' ? leavesOf(child.anyOf?.[0] ?? child, [...path, name]) : []),
  ]);
}

/** Every object in the schema (the body itself first), where an unknown field can be slipped in. */
function objectsOf(schema: Schema, path: string[] = []): Leaf[] {
  return [
    { path, schema },
    ...Object.entries(schema.properties ?? {})
      .filter(([, child]) => typeOf(child) === 'object')
      .flatMap(([name, child]) => objectsOf(child.anyOf?.[0] ?? child, [...path, name])),
  ];
}

/**
 * Sets `value` at `path` inside `root`, giving every object on the way (missing, or not an
 * object) its required fields first, so that `value` is the one thing wrong with the body.
 */
function setAt(root: Record<string, unknown>, body: Schema, path: string[], value: unknown): void {
  let target = root;
  let schema = body;
  for (const name of path.slice(0, -1)) {
    schema = schema.properties?.[name] ?? {};
    schema = schema.anyOf?.[0] ?? schema;
    const current = target[name];
    if (current === null || typeof current !== 'object' || Array.isArray(current)) {
      target[name] = validValue(schema, name);
    }
    target = target[name] as Record<string, unknown>;
  }
  target[path[path.length - 1]!] = value;
}

/** The body's valid skeleton with `value` at `path`. */
function bodyWith(body: Schema, path: string[], value: unknown): Record<string, unknown> {
  const root = validValue(body, 'body') as Record<string, unknown>;
  setAt(root, body, path, value);
  return root;
}

const fieldName = (context: string, path: string[]) => [context, ...path].join('.');

/** A body whose fields are all optional: an empty body is then no fields at all, and taken. */
const takesNoFields = (body: Schema) => !body.required?.length && !body.minProperties;

// ---------------------------------------------------------------------------------------------
// Random material for the barrage.

const WEIRD_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -0,
  -1,
  3.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  1e-7,
  '',
  ' ',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '1e400',
  'x'.repeat(10_000),
  '\u0000\uFFFF\uD800',
  '\u202Eevil\u202C',
  'ünïcødé 💩 名前',
  '../../etc/passwd',
  "' OR '1'='1' --",
  '<script>alert(1)</script>',
  '{{7*7}} ${7*7}',
  [],
  [1, 'two', null],
  {},
  { nested: { deeper: { deepest: [{}] } } },
  '2026-13-45T99:99:99Z',
  'not-an-email',
  '+0000',
];

const UNKNOWN_KEYS = [
  'isAdmin',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '',
  ' name',
  'NAME',
  'ünknøwn',
  'k'.repeat(1000),
  'a.b',
  '$where',
];

/** Bodies that are not JSON at all. Each must be a 400 `invalid_json` once the caller is let in. */
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
  // Prototype poisoning: the parser refuses these outright.
  '{"__proto__": {"isAdmin": true}}',
  '{"constructor": {"prototype": {"polluted": true}}}',
  `${'{"a":'.repeat(2000)}{"__proto__":1}${'}'.repeat(2000)}`,
];

/** JSON that parses but is no body any route accepts (every body is an object). */
const NOT_AN_OBJECT = [
  'null',
  'true',
  '0',
  '-1',
  '1e400',
  '"just a string"',
  '[]',
  '[{}]',
  `${'['.repeat(50_000)}${']'.repeat(50_000)}`,
];

/** Content types no route parses. */
const FOREIGN_TYPES = [
  'application/x-www-form-urlencoded',
  'application/xml',
  'application/octet-stream',
  'multipart/form-data; boundary=x',
  'image/png',
  'application/jsonx',
];

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { level: value };
  return value;
}

const NOT_OBJECT_VALUES = WEIRD_VALUES.filter((v) => v === null || typeof v !== 'object' || Array.isArray(v));

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/**
 * A body the route must refuse: its valid skeleton with a few random changes, some of which may
 * be harmless, and last one that is wrong for certain (a value the schema refuses, or an
 * unknown field).
 */
function randomInvalidBody(random: () => number, body: Schema): unknown {
  if (random() < 0.08) return pick(random, NOT_OBJECT_VALUES);
  const leaves = leavesOf(body);
  const value = validValue(body, 'body') as Record<string, unknown>;
  const names = Object.keys(body.properties ?? {});
  const changes = Math.floor(random() * 4);
  for (let i = 0; i < changes; i++) {
    const roll = random();
    if (leaves.length > 0 && roll < 0.5)
      setAt(value, body, pick(random, leaves).path, pick(random, WEIRD_VALUES));
    else if (names.length > 0 && roll < 0.7)
      value[pick(random, names)] = nested(20 + Math.floor(random() * 200));
    else if (names.length > 0 && roll < 0.8) delete value[pick(random, names)];
    else value[`${pick(random, UNKNOWN_KEYS)}_${Math.floor(random() * 1000)}`] = pick(random, WEIRD_VALUES);
  }
  const leaf = leaves.length > 0 && random() < 0.6 ? pick(random, leaves) : null;
  if (leaf) setAt(value, body, leaf.path, pick(random, invalidValues(leaf.schema)));
  else value[`${pick(random, UNKNOWN_KEYS)}_unknown`] = pick(random, WEIRD_VALUES);
  return value;
}

/** One random edit to a JSON text: cut short, a stray or missing character, or trailing junk. */
function editedText(random: () => number, text: string): string {
  const at = Math.floor(random() * text.length);
  switch (Math.floor(random() * 4)) {
    case 0:
      return text.slice(0, at);
    case 1:
      return (
        text.slice(0, at) +
        pick(random, ['{', '}', '[', ']', ',', ':', '"', '\\', '\u0000', '\uFFFF']) +
        text.slice(at)
      );
    case 2:
      return text.slice(0, at) + text.slice(at + 1);
    default:
      return text + pick(random, ['}', ']', ',', ' x', '\u0000', '{}']);
  }
}

/**
 * A JSON text damaged so that it no longer parses (an edit can leave it valid, and even turn a
 * refused body into an accepted one: those are skipped), or null after a few tries.
 */
function brokenJson(random: () => number, text: string): string | null {
  for (let attempt = 0; attempt < 5; attempt++) {
    const edited = editedText(random, text);
    try {
      JSON.parse(edited);
    } catch {
      return edited;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Talking to the server.

interface Reply {
  status: number;
  contentType: string;
  text: string;
  body: any;
}

interface SendOptions {
  token?: string;
  authorization?: string;
  /** A value to send as JSON, or raw text or bytes. */
  json?: unknown;
  raw?: string | Uint8Array;
  contentType?: string;
}

async function send(
  baseUrl: string,
  method: string,
  path: string,
  options: SendOptions = {},
): Promise<Reply> {
  const headers: Record<string, string> = {};
  const authorization = options.authorization ?? (options.token ? `Bearer ${options.token}` : undefined);
  if (authorization) headers.authorization = authorization;
  const body = options.json !== undefined ? JSON.stringify(options.json) : options.raw;
  if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  let response: Response;
  try {
    response = await fetch(`${baseUrl}/api/v1${path}`, { method, headers, body });
  } catch (error) {
    throw new Error(`${method} ${path}: the connection failed: ${String(error)}`, { cause: error });
  }
  const contentType = response.headers.get('content-type') ?? '';
  // An event stream never ends: its status and type are the answer.
  if (contentType.startsWith('text/event-stream')) {
    await response.body?.cancel();
    return { status: response.status, contentType, text: '', body: null };
  }
  const text = await response.text();
  let parsed: unknown = null;
  if (contentType.includes('json')) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  return { status: response.status, contentType, text, body: parsed };
}

/** Percent-encoded, lone surrogates (which have no UTF-8) as U+FFFD. */
const queryValue = (value: string) => encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));

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

async function openFixture(database: DatabaseChoice): Promise<Fixture> {
  const office = await TestOffice.start(database, { smtpUrl: null });
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
  let f: Fixture;
  let countsBefore: Record<string, number>;

  beforeAll(async () => {
    f = await openFixture(database);
    countsBefore = await tableCounts(f.office);
  });
  afterAll(() => f?.office.close());

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
  let f: Fixture;

  beforeAll(async () => {
    f = await openFixture('sqlite');
  });
  afterAll(() => f?.office.close());

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
