// The API's OpenAPI document (/api/v1/openapi.json), shaped from the routes themselves: bodies
// become named component schemas, every operation lists the refusals it can answer, and the
// routes outside a sign-in say that they need no token. Only the document changes: the
// schemas the routes validate and serialize with stay as the routes declare them.
import { STATUS_CODES } from 'node:http';
import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import type { RouteOptions } from 'fastify';
import * as auth from '../../common/api/auth';
import * as callLog from '../../common/api/call-log';
import * as company from '../../common/api/company';
import * as conferences from '../../common/api/conferences';
import * as devices from '../../common/api/devices';
import * as deskPhoneModels from '../../common/api/desk-phone-models';
import * as directory from '../../common/api/directory';
import * as errors from '../../common/api/errors';
import * as featureCodes from '../../common/api/feature-codes';
import * as me from '../../common/api/me';
import * as numberingPlan from '../../common/api/numbering-plan';
import * as preferences from '../../common/api/preferences';
import * as primitives from '../../common/api/primitives';
import * as ringGroups from '../../common/api/ring-groups';
import * as receptionists from '../../common/api/receptionists';
import * as trunks from '../../common/api/trunks';
import * as usage from '../../common/api/usage';
import * as users from '../../common/api/users';
import * as voicemail from '../../common/api/voicemail';
import type { ErrorCode } from '../../common/api/errors';

/** The refusals a route answers beyond those its kind of route always may, by status. */
export type RouteErrors = Partial<
  Record<400 | 401 | 403 | 404 | 409 | 413 | 415 | 416 | 423 | 429, ErrorCode[]>
>;

declare module 'fastify' {
  interface FastifySchema {
    /** Documented in the route's responses, next to the refusals derived from its schemas. */
    errors?: RouteErrors;
  }
}

/** Marks a schema that becomes `components.schemas[name]`, until the finished document is read. */
const COMPONENT = 'x-component';
const RESPONSE_DESCRIPTION = 'x-response-description';
const SCHEMAS_PATH = '#/components/schemas/';
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Every exported object or enum schema of the shared API, by its export name. */
function exportedSchemaNames(): Map<object, string> {
  const modules = [
    auth,
    callLog,
    company,
    conferences,
    devices,
    deskPhoneModels,
    directory,
    errors,
    featureCodes,
    me,
    numberingPlan,
    preferences,
    primitives,
    ringGroups,
    receptionists,
    trunks,
    usage,
    users,
    voicemail,
  ];
  const names = new Map<object, string>();
  for (const module of modules) {
    for (const [name, value] of Object.entries(module)) {
      if (isObjectOrEnum(value) && !names.has(value)) names.set(value, name);
    }
  }
  return names;
}

function isObjectOrEnum(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  return (value as { type?: unknown }).type === 'object' || choicesOf(value) !== null;
}

/** The values of a union of literals (TypeBox's enum), or null for any other schema. */
function choicesOf(schema: object): unknown[] | null {
  const { anyOf } = schema as { anyOf?: unknown };
  if (!Array.isArray(anyOf) || !anyOf.every((member) => 'const' in Object(member))) return null;
  return anyOf.map((member: { const: unknown }) => member.const);
}

const SCHEMA_NAMES = exportedSchemaNames();

/** A copy of the schema with every named schema in it marked, itself as `name` if it has none. */
function marked(schema: unknown, name?: string): unknown {
  if (Array.isArray(schema)) return schema.map((member) => marked(member));
  if (typeof schema !== 'object' || schema === null) return schema;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) copy[key] = marked(value);
  // A union of literals reads as the enum it is.
  const choices = choicesOf(schema);
  if (choices) {
    delete copy.anyOf;
    Object.assign(copy, { type: typeof choices[0], enum: choices });
  }
  const componentName = SCHEMA_NAMES.get(schema) ?? name;
  if (componentName) copy[COMPONENT] = componentName;
  return copy;
}

const pascalCase = (operationId: string) => operationId.charAt(0).toUpperCase() + operationId.slice(1);

type Refusals = Map<number, Set<ErrorCode>>;

/**
 * What a route can refuse: what its schemas, its sign-in and its method imply, then what the
 * route itself declares (conflicts, throttling, its own checks).
 */
function refusalsOf(route: RouteOptions): Refusals {
  const schema = route.schema ?? {};
  const refusals: Refusals = new Map();
  const add = (status: number, ...codes: ErrorCode[]) => {
    const known = refusals.get(status) ?? new Set<ErrorCode>();
    for (const code of codes) known.add(code);
    refusals.set(status, known);
  };
  const methods = [route.method].flat();
  if (methods.some((method) => METHODS_WITH_BODY.has(method))) {
    add(400, 'invalid_json');
    add(413, 'payload_too_large');
    add(415, 'unsupported_media_type');
  }
  if (schema.body || schema.querystring || schema.params)
    add(400, 'invalid_field', 'unknown_field', 'missing_field');
  const signIn = route.config?.signIn;
  if (signIn) {
    add(401, 'unauthenticated', 'session_expired');
    add(403, 'account_suspended', 'portal_access_disabled', 'scope_not_allowed');
    if (signIn === 'admin') add(403, 'forbidden');
    if (!route.config?.allowBeforePasswordChange) add(403, 'password_change_required');
  }
  if (route.url.includes(':id')) add(404, 'not_found');
  for (const [status, codes] of Object.entries(schema.errors ?? {})) add(Number(status), ...codes);
  add(500, 'internal_error');
  return refusals;
}

function documentedResponses(route: RouteOptions, operationId: string): Record<string, unknown> {
  const responses: Record<string, unknown> = {};
  const declared = (route.schema?.response ?? {}) as Record<string, Record<string, unknown>>;
  for (const [status, reply] of Object.entries(declared)) {
    // Refusals are listed one status at a time below, instead of the `4xx`/`5xx` catch-alls.
    if (/^[45]/.test(status)) continue;
    // A file download says what it is in its own content types; an empty answer has no schema.
    if ('content' in reply) responses[status] = reply;
    else if (reply.type === 'null')
      responses[status] = { ...reply, [RESPONSE_DESCRIPTION]: STATUS_CODES[status] };
    else {
      const named = marked(reply, `${pascalCase(operationId)}Response`) as object;
      responses[status] = { ...named, [RESPONSE_DESCRIPTION]: STATUS_CODES[status] };
    }
  }
  for (const [status, codes] of [...refusalsOf(route)].sort(([a], [b]) => a - b)) {
    responses[status] = {
      ...(marked(errors.ErrorBody) as object),
      [RESPONSE_DESCRIPTION]: `${STATUS_CODES[status]}: ${[...codes].join(', ')}`,
    };
  }
  return responses;
}

/** Per route: its schemas marked for naming, its refusals listed, the sign-in it needs. */
const transform: NonNullable<FastifyDynamicSwaggerOptions['transform']> = ({ schema, url, route }) => {
  if (!schema || schema.hide) return { schema, url };
  const { operationId } = schema;
  // Also the name of its unnamed bodies: without one they would all collide.
  if (!operationId) throw new Error(`${String(route.method)} ${url} has no operationId`);
  return {
    url,
    schema: {
      ...schema,
      ...(schema.body ? { body: marked(schema.body, `${pascalCase(operationId)}Request`) } : {}),
      // Spread into one parameter each: only the schemas of those parameters can be named.
      ...(schema.querystring ? { querystring: marked(schema.querystring) } : {}),
      ...(schema.params ? { params: marked(schema.params) } : {}),
      response: documentedResponses(route, operationId),
      security: route.config?.signIn ? [{ bearer: [] }] : [],
    },
  };
};

/** Replaces every marked schema by a `$ref` to its component, nested ones first. */
function referenced(node: unknown, components: Record<string, unknown>): unknown {
  if (Array.isArray(node)) return node.map((member) => referenced(member, components));
  if (typeof node !== 'object' || node === null) return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) copy[key] = referenced(value, components);
  const name = copy[COMPONENT];
  if (typeof name !== 'string') return copy;
  delete copy[COMPONENT];
  // A nullable use of a named schema (`Nullable(Kind)`) names the schema itself, and says
  // nullable beside the reference, as OpenAPI 3.0 wants it.
  const { nullable, ...named } = copy;
  const existing = components[name];
  if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(named)) {
    throw new Error(`Two different schemas are named ${name} in the API document`);
  }
  components[name] = named;
  const ref = { $ref: `${SCHEMAS_PATH}${name}` };
  return nullable === true ? { nullable: true, allOf: [ref] } : ref;
}

const transformObject: NonNullable<FastifyDynamicSwaggerOptions['transformObject']> = (document) => {
  if (!('openapiObject' in document)) return document.swaggerObject;
  const { openapiObject } = document;
  const schemas: Record<string, unknown> = {};
  const paths = referenced(openapiObject.paths, schemas);
  const sortedSchemas = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)));
  return {
    ...openapiObject,
    paths,
    components: { ...openapiObject.components, schemas: sortedSchemas },
  } as typeof openapiObject;
};

export const openApiOptions: FastifyDynamicSwaggerOptions = {
  openapi: {
    info: { title: 'Switchboard office API', version: '1.0.0' },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'The access token from POST /auth/login or POST /auth/refresh',
        },
      },
    },
    security: [{ bearer: [] }],
  },
  transform,
  transformObject,
};
