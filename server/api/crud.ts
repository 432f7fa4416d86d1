import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static, TSchema } from 'typebox';
import { IdParams, StrictObject } from '../../common/api/primitives';
import { Type } from 'typebox';
import type { ErrorCode } from '../../common/api/errors';
import type { OfficeDb } from '../db/database';
import { isUniqueViolation } from '../db/database';
import { OfficeError } from '../errors';
import type { Clock } from '../time';
import { writeAudit, type WriteAction } from '../directory/audit';
import { adminOf } from './auth';
import type { AdminActor } from '../accounts/authority';
import { NO_CONTENT, replies, type Api } from './types';
import type { RouteErrors } from './openapi';

/** What the routes of a simple resource work with: the database and the clock that stamps writes. */
export interface CrudServices {
  db: OfficeDb;
  clock: Clock;
}

export type AfterCommit = () => Promise<void>;

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
  insert(db: OfficeDb, body: Static<Create>, now: number): Promise<string>;
  patch(db: OfficeDb, id: string, body: Static<Update>, now: number): Promise<void>;
  /** May hand back work for once the deletion is committed (files the database does not hold). */
  remove(db: OfficeDb, id: string): Promise<void | AfterCommit>;
  /**
   * Whether the acting admin may make each write (server/accounts/authority.ts): checked in the
   * write's transaction, before it.
   */
  authority?: {
    insert?(db: OfficeDb, actor: AdminActor, body: Static<Create>): Promise<void>;
    patch?(db: OfficeDb, actor: AdminActor, id: string, body: Static<Update>): Promise<void>;
    remove?(db: OfficeDb, actor: AdminActor, id: string): Promise<void>;
  };
  /**
   * Told of each write once it is committed, with who made it and the item as it is now (as it
   * was, for a deletion): for whoever must hear of a change, never part of the write itself.
   */
  afterWrite?(change: { actor: AdminActor; action: WriteAction; item: Static<Item> }): Promise<void>;
}

/**
 * GET list, POST, GET one, PATCH, DELETE — each write one transaction with its audit entry.
 * Declared on the untyped instance: TypeBox cannot infer through generic schemas, and the
 * resource's own signatures carry the types (the schemas still validate every request).
 */
export function crudRoutes<Item extends TSchema, Create extends TSchema, Update extends TSchema>(
  typedApp: Api,
  services: CrudServices,
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
      return await services.db.transaction().execute((trx) => work(trx, services.clock()));
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
    async () => ({ items: await resource.list(services.db) }),
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
      const actor = adminOf(request);
      const id = await inTransaction(async (trx, now) => {
        const body = request.body as Static<Create>;
        await resource.authority?.insert?.(trx, actor, body);
        const created = await resource.insert(trx, body, now);
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
      const item = await resource.get(services.db, id);
      await resource.afterWrite?.({ actor, action: 'created', item });
      return reply.status(201).send(item);
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
    async (request: WithId) => resource.get(services.db, request.params.id),
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
      const actor = adminOf(request);
      await inTransaction(async (trx, now) => {
        const body = request.body as Static<Update>;
        await resource.authority?.patch?.(trx, actor, request.params.id, body);
        await resource.patch(trx, request.params.id, body, now);
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
      const item = await resource.get(services.db, request.params.id);
      await resource.afterWrite?.({ actor, action: 'updated', item });
      return item;
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
      const actor = adminOf(request);
      const removed = await inTransaction(async (trx, now) => {
        await resource.authority?.remove?.(trx, actor, request.params.id);
        // Read only for whoever hears of the deletion: it is gone after.
        const item = resource.afterWrite ? await resource.get(trx, request.params.id) : null;
        const afterCommit = await resource.remove(trx, request.params.id);
        await writeAudit(trx, now, actor, `${resource.noun}.deleted`, {
          type: resource.noun,
          id: request.params.id,
        });
        return { item, afterCommit };
      });
      await removed.afterCommit?.();
      if (removed.item !== null)
        await resource.afterWrite?.({ actor, action: 'deleted', item: removed.item });
      return reply.status(204).send();
    },
  );
}
