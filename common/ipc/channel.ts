// The building blocks of the contract: a channel is a request schema and a result schema; a
// domain groups channels and events. Channel names are derived here and nowhere else.
import { Type, type Static, type TObject, type TProperties, type TSchema } from 'typebox';
import { Id, StrictObject } from '../api/primitives';

/** An office REST route a channel forwards to: main fills `:id` from the request's `id`. */
export interface RestRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
}

export interface ChannelSpec<Request extends TSchema = TSchema, Result extends TSchema = TSchema> {
  request: Request;
  result: Result;
  /** Present when the channel is the office API route itself, forwarded by main's PortalClient. */
  rest?: RestRoute;
}

export interface DomainSpec {
  requests: Record<string, ChannelSpec>;
  events: Record<string, TSchema>;
}

/** Routes answering 204 No Content resolve to null over IPC. */
export const NoContent = Type.Null();
export const NoRequest = StrictObject({});

export const channel = <Request extends TSchema, Result extends TSchema>(
  request: Request,
  result: Result,
): ChannelSpec<Request, Result> => ({ request, result });

interface RestParts<Query extends TSchema | undefined, Body extends TSchema | undefined> {
  query?: Query;
  body?: Body;
}

// `Record<never, never>` rather than `object` for an absent part: a route with no part at all
// must still give a properties record (`{}`), or its request type collapses to `never`.
type Absent = Record<never, never>;
type RestProperties<Path extends string, Query, Body> = (Path extends `${string}:id${string}`
  ? { id: typeof Id }
  : Absent) &
  (Query extends TSchema ? { query: ReturnType<typeof Type.Optional<Query>> } : Absent) &
  (Body extends TSchema ? { body: Body } : Absent);

type RestRequest<Path extends string, Query, Body> =
  RestProperties<Path, Query, Body> extends infer P extends TProperties ? TObject<P> : never;

/**
 * A channel that is an office API route: its request is `{ id?, query?, body? }` made of the
 * route's own schemas from common/api, and its result is the route's response schema.
 */
export function rest<
  Path extends string,
  Result extends TSchema,
  Query extends TSchema | undefined = undefined,
  Body extends TSchema | undefined = undefined,
>(
  method: RestRoute['method'],
  path: Path,
  result: Result,
  parts: RestParts<Query, Body> = {},
): ChannelSpec<RestRequest<Path, Query, Body>, Result> & { rest: RestRoute } {
  const properties: Record<string, TSchema> = {};
  if (path.includes(':id')) properties.id = Id;
  if (parts.query) properties.query = Type.Optional(parts.query);
  if (parts.body) properties.body = parts.body;
  return {
    request: StrictObject(properties) as unknown as RestRequest<Path, Query, Body>,
    result,
    rest: { method, path },
  };
}

/** `signIn` → `sign-in`: actions are camelCase in code and lower kebab case on the wire. */
const kebab = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** The wire name of a request channel, `domain:action` (`calls:hang-up`). */
export const channelName = (domain: string, action: string) => `${domain}:${kebab(action)}`;

/** The wire name of an event, `domain:event` (`calls:state-changed`). */
export const eventName = channelName;

export type RequestOf<C> = C extends ChannelSpec<infer Request, TSchema> ? Static<Request> : never;
export type ResultOf<C> = C extends ChannelSpec<TSchema, infer Result> ? Static<Result> : never;
export type PayloadOf<S> = S extends TSchema ? Static<S> : never;
