// Building blocks of every API schema. Every string has a maximum length and every object
// refuses unknown fields, so the server rejects over-long or unexpected input at the edge.
import { Type, type Static, type TSchema, type TProperties } from 'typebox';

export const StrictObject = <T extends TProperties>(properties: T, description?: string) =>
  Type.Object(properties, { additionalProperties: false, ...(description ? { description } : {}) });

/**
 * Options for `Type.Partial` in PATCH bodies: unknown fields still refused (Partial drops
 * that), and at least one field given, since a PATCH that changes nothing is a mistake.
 */
export const PATCH_OPTIONS = { additionalProperties: false, minProperties: 1 } as const;

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' });
export const Timestamp = Type.String({ format: 'date-time', maxLength: 40 });
export const Email = Type.String({ format: 'email', minLength: 3, maxLength: 254 });
export const PersonName = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });
export const ShortText = Type.String({ maxLength: 200 });
export const LongText = Type.String({ maxLength: 20_000 });
export const ExtensionNumber = Type.String({ pattern: '^[0-9]{2,8}$', maxLength: 8 });
/** Extension number or email: what a person types to sign in. */
export const Login = Type.String({ minLength: 1, maxLength: 254 });
export const Password = Type.String({ minLength: 1, maxLength: 256 });
export const E164 = Type.String({ pattern: '^\\+[1-9][0-9]{1,14}$', maxLength: 16 });
export const Role = Type.Union([Type.Literal('user'), Type.Literal('admin'), Type.Literal('superadmin')]);
export type Role = Static<typeof Role>;
export const Cursor = Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' });
export const Limit = Type.Integer({ minimum: 1, maximum: 200, default: 50 });
export const IdParams = StrictObject({ id: Id });

/** A page of a keyset-paged list: pass `nextCursor` as `before` to get the next page. */
export const Page = <T extends TSchema>(item: T) =>
  StrictObject({ items: Type.Array(item), nextCursor: Nullable(Cursor) });

export const PageQuery = StrictObject({ limit: Type.Optional(Limit), before: Type.Optional(Cursor) });
export type PageQuery = Static<typeof PageQuery>;
