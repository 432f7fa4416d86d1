import { Type } from 'typebox';
import { Device } from '../../../common/api/devices';
import { IdParams, StrictObject } from '../../../common/api/primitives';
import {
  CreateUserRequest,
  CreatedUser,
  PasswordResetRequest,
  UpdateUserRequest,
  UserListQuery,
  UserPage,
  UserSummary,
} from '../../../common/api/users';
import type { Office } from '../../office';
import { createUser, deleteUser, resetPassword, updateUser } from '../../accounts/user-admin';
import { devicesOfUser } from '../../directory/devices';
import { getUserSummary, listUsers } from '../../directory/users';
import { adminOf } from '../auth';
import { NO_CONTENT, replies, type Api } from '../types';

const UserDetail = StrictObject({ ...UserSummary.properties, devices: Type.Array(Device) });

export function adminUserRoutes(app: Api, office: Office): void {
  app.get(
    '/admin/users',
    { schema: { tags: ['admin'], querystring: UserListQuery, response: replies({ 200: UserPage }) } },
    async (request) => listUsers(office.db, request.query),
  );

  app.post(
    '/admin/users',
    { schema: { tags: ['admin'], body: CreateUserRequest, response: replies({ 201: CreatedUser }) } },
    async (request, reply) =>
      reply.status(201).send(await createUser(office, adminOf(request), request.body)),
  );

  app.get(
    '/admin/users/:id',
    { schema: { tags: ['admin'], params: IdParams, response: replies({ 200: UserDetail }) } },
    async (request) => ({
      ...(await getUserSummary(office.db, request.params.id)),
      devices: await devicesOfUser(office.db, request.params.id),
    }),
  );

  app.patch(
    '/admin/users/:id',
    {
      schema: {
        tags: ['admin'],
        params: IdParams,
        body: UpdateUserRequest,
        response: replies({ 200: UserSummary }),
      },
    },
    async (request) => updateUser(office, adminOf(request), request.params.id, request.body),
  );

  app.delete(
    '/admin/users/:id',
    { schema: { tags: ['admin'], params: IdParams, response: replies(NO_CONTENT) } },
    async (request, reply) => {
      await deleteUser(office, adminOf(request), request.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/admin/users/:id/password-reset',
    {
      schema: {
        tags: ['admin'],
        params: IdParams,
        body: PasswordResetRequest,
        response: replies(NO_CONTENT),
      },
    },
    async (request, reply) => {
      await resetPassword(office, adminOf(request), request.params.id, request.body);
      return reply.status(204).send();
    },
  );
}
