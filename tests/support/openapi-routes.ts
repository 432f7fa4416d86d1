// The routes of the office's live OpenAPI document (/api/v1/openapi.json) as the request-fuzzing
// tests read them: method, path, which token gets in, and the schemas of the body and query.

export interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  minProperties?: number;
  anyOf?: Schema[];
  /** The OpenAPI document wraps a nullable union's choices in a one-element `allOf`. */
  allOf?: Schema[];
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

export interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

type Scope = 'public' | 'user' | 'admin';

export interface Route {
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

export function routesOf(spec: Spec): Route[] {
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

export const withIds = (route: Route, id: string) =>
  route.pathParams.reduce((path, name) => path.replace(`{${name}}`, id), route.path);
