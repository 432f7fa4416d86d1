import { Type } from 'typebox';
import { Device } from '../../../common/api/devices';
import { IdParams, StrictObject } from '../../../common/api/primitives';
import {
  CreateUserRequest,
  CreatedUser,
  DeleteUserRequest,
  PasswordResetRequest,
  UpdateUserRequest,
  UserListQuery,
  UserPage,
  UserSummary,
} from '../../../common/api/users';
import {
  createUser,
  deleteUser,
  resetPassword,
  updateUser,
  type UserAdminServices,
} from '../../accounts/user-admin';
import { devicesOfUser } from '../../directory/devices';
import { deviceView, type DeviceViewServices } from '../../provision/device-view';
import { getUserSummary, listUsers } from '../../directory/users';
import { adminOf } from '../auth';
import { NO_CONTENT, replies, type Api } from '../types';

const UserDetail = StrictObject({ ...UserSummary.properties, devices: Type.Array(Device) });

export function adminUserRoutes(app: Api, services: UserAdminServices & DeviceViewServices): void {
  app.get(
    '/admin/users',
    {
      schema: {
        tags: ['admin'],
        operationId: 'listUsers',
        summary: 'Users of the office, a page at a time, by name, email or extension',
        querystring: UserListQuery,
        response: replies({ 200: UserPage }),
      },
    },
    async (request) => listUsers(services.db, request.query),
  );

  app.post(
    '/admin/users',
    {
      schema: {
        tags: ['admin'],
        operationId: 'createUser',
        summary: 'Add a user with an extension, a voicemail box and a softphone',
        description: 'Mails the user a welcome with a temporary password unless sendWelcomeEmail is false.',
        body: CreateUserRequest,
        response: replies({ 201: CreatedUser }),
        errors: {
          400: ['extension_invalid'],
          403: ['forbidden'],
          409: ['email_taken', 'extension_taken', 'conflict'],
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createUser(services, adminOf(request), request.body)),
  );

  app.get(
    '/admin/users/:id',
    {
      schema: {
        tags: ['admin'],
        operationId: 'getUser',
        summary: 'A user with their devices',
        params: IdParams,
        response: replies({ 200: UserDetail }),
      },
    },
    async (request) => ({
      ...(await getUserSummary(services.db, request.params.id)),
      devices: (await devicesOfUser(services.db, request.params.id)).map((device) =>
        deviceView(services, device),
      ),
    }),
  );

  app.patch(
    '/admin/users/:id',
    {
      schema: {
        tags: ['admin'],
        operationId: 'updateUser',
        summary: "Change a user's details, role, status, portal access or extension",
        params: IdParams,
        body: UpdateUserRequest,
        response: replies({ 200: UserSummary }),
        errors: {
          400: ['extension_invalid'],
          403: ['forbidden'],
          409: ['email_taken', 'extension_taken', 'conflict'],
        },
      },
    },
    async (request) => updateUser(services, adminOf(request), request.params.id, request.body),
  );

  app.delete(
    '/admin/users/:id',
    {
      schema: {
        tags: ['admin'],
        operationId: 'deleteUser',
        summary: 'Delete a user; their devices go back to the free pool',
        description:
          'Phone numbers that ring the user’s extension must each get a new target in reassignNumbers ' +
          '(409 in_use names them otherwise); the body may be left out when there are none.',
        params: IdParams,
        body: DeleteUserRequest,
        response: replies(NO_CONTENT),
        errors: { 403: ['forbidden'], 409: ['cannot_delete_self', 'in_use'] },
      },
    },
    async (request, reply) => {
      await deleteUser(services, adminOf(request), request.params.id, request.body);
      return reply.status(204).send();
    },
  );

  app.post(
    '/admin/users/:id/password-reset',
    {
      schema: {
        tags: ['admin'],
        operationId: 'resetUserPassword',
        summary: "Reset a user's password: generated and mailed, or typed twice by the admin",
        params: IdParams,
        body: PasswordResetRequest,
        response: replies(NO_CONTENT),
        errors: { 400: ['password_mismatch', 'password_policy'], 403: ['forbidden'] },
      },
    },
    async (request, reply) => {
      await resetPassword(services, adminOf(request), request.params.id, request.body);
      return reply.status(204).send();
    },
  );
}
