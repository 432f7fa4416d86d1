import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static, TSchema } from 'typebox';
import { IdParams, StrictObject } from '../../common/api/primitives';
import { Type } from 'typebox';
import type { ErrorCode } from '../../common/api/errors';
import type { OfficeServices } from '../office-services';
import type { OfficeDb } from '../db/database';
import { isUniqueViolation } from '../db/database';
import { OfficeError } from '../errors';
import { writeAudit } from '../directory/audit';
import { adminOf } from './auth';
import type { AdminActor } from '../accounts/authority';
import { NO_CONTENT, replies, type Api } from './types';
import type { RouteErrors } from './openapi';

/** A simple admin resource: its schemas and the repository functions behind them. */
export interface CrudResource<Item extends TSchema, Create extends TSchema, Update extends TSchema> {
  path: string;
  /**
   * Used in audit actions, e.g. `user-group` → `user-group.created`, and in the API document
   * (`listUserGroups`, "Create a user group").
   */
  noun: string;
  item: Item;
  create: Create;
  update: Update;
  /** What a unique-constraint violation means for this resource. */
  conflict: { code: ErrorCode; message: string; field: string };
  /** Refusals of its own checks beyond the conflict, for the API document. */
  refusals?: { update?: RouteErrors; remove?: RouteErrors };
  list(db: OfficeDb): Promise<Static<Item>[]>;
  get(db: OfficeDb, id: string): Promise<Static<Item>>;
  /** Each write gets the acting admin, to check their authority (server/accounts/authority.ts). */
  insert(db: OfficeDb, body: Static<Create>, now: number, actor: AdminActor): Promise<string>;
  patch(db: OfficeDb, id: string, body: Static<Update>, now: number, actor: AdminActor): Promise<void>;
  remove(db: OfficeDb, id: string, actor: AdminActor): Promise<void>;
}

/**
 * GET list, POST, GET one, PATCH, DELETE — each write one transaction with its audit entry.
 * Declared on the untyped instance: TypeBox cannot infer through generic schemas, and the
 * resource's own signatures carry the types (the schemas still validate every request).
 */
export function crudRoutes<Item extends TSchema, Create extends TSchema, Update extends TSchema>(
  typedApp: Api,
  office: OfficeServices,
  resource: CrudResource<Item, Create, Update>,
): void {
  const app = typedApp as unknown as FastifyInstance;
  type WithId = FastifyRequest<{ Params: { id: string } }>;
  const tags = ['admin'];
  const words = resource.noun.replace(/-/g, ' ');
  const name = resource.noun.replace(/(?:^|-)([a-z])/g, (_, letter: string) => letter.toUpperCase());
  const taken: RouteErrors = { 409: [resource.conflict.code] };
  const inTransaction = async <T>(work: (trx: OfficeDb, now: number) => Promise<T>): Promise<T> => {
    try {
      return await office.db.transaction().execute((trx) => work(trx, office.clock()));
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new OfficeError(
          409,
          resource.conflict.code,
          resource.conflict.message,
          resource.conflict.field,
        );
      }
      throw error;
    }
  };

  app.get(
    resource.path,
    {
      schema: {
        tags,
        operationId: `list${name}s`,
        summary: `List the ${words}s`,
        response: replies({ 200: StrictObject({ items: Type.Array(resource.item) }) }),
      },
    },
    async () => ({ items: await resource.list(office.db) }),
  );

  app.post(
    resource.path,
    {
      schema: {
        tags,
        operationId: `create${name}`,
        summary: `Create a ${words}`,
        body: resource.create,
        response: replies({ 201: resource.item }),
        errors: taken,
      },
    },
    async (request, reply) => {
      const id = await inTransaction(async (trx, now) => {
        const actor = adminOf(request);
        const created = await resource.insert(trx, request.body as Static<Create>, now, actor);
        await writeAudit(
          trx,
          now,
          actor,
          `${resource.noun}.created`,
          { type: resource.noun, id: created },
          {
            ...(request.body as object),
          },
        );
        return created;
      });
      return reply.status(201).send(await resource.get(office.db, id));
    },
  );

  app.get(
    `${resource.path}/:id`,
    {
      schema: {
        tags,
        operationId: `get${name}`,
        summary: `A ${words}`,
        params: IdParams,
        response: replies({ 200: resource.item }),
      },
    },
    async (request: WithId) => resource.get(office.db, request.params.id),
  );

  app.patch(
    `${resource.path}/:id`,
    {
      schema: {
        tags,
        operationId: `update${name}`,
        summary: `Change a ${words}`,
        params: IdParams,
        body: resource.update,
        response: replies({ 200: resource.item }),
        errors: { ...taken, ...resource.refusals?.update },
      },
    },
    async (request: WithId) => {
      await inTransaction(async (trx, now) => {
        const actor = adminOf(request);
        await resource.patch(trx, request.params.id, request.body as Static<Update>, now, actor);
        await writeAudit(
          trx,
          now,
          actor,
          `${resource.noun}.updated`,
          { type: resource.noun, id: request.params.id },
          {
            ...(request.body as object),
          },
        );
      });
      return resource.get(office.db, request.params.id);
    },
  );

  app.delete(
    `${resource.path}/:id`,
    {
      schema: {
        tags,
        operationId: `delete${name}`,
        summary: `Delete a ${words}`,
        params: IdParams,
        response: replies(NO_CONTENT),
        ...(resource.refusals?.remove && { errors: resource.refusals.remove }),
      },
    },
    async (request: WithId, reply) => {
      await inTransaction(async (trx, now) => {
        const actor = adminOf(request);
        await resource.remove(trx, request.params.id, actor);
        await writeAudit(trx, now, actor, `${resource.noun}.deleted`, {
          type: resource.noun,
          id: request.params.id,
        });
      });
      return reply.status(204).send();
    },
  );
}

/** Deletes one row by id or says it was not there. */
export async function deleteById(
  db: OfficeDb,
  table: 'user_groups' | 'settings_templates' | 'email_templates' | 'phone_numbers',
  id: string,
  what: string,
): Promise<void> {
  const result = await db.deleteFrom(table).where('id', '=', id).executeTakeFirst();
  if (Number(result.numDeletedRows) !== 1) throw new OfficeError(404, 'not_found', `${what} not found`);
}
