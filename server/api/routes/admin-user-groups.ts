import { CreateUserGroup, UpdateUserGroup, UserGroup } from '../../../common/api/directory';
import {
  getUserGroup,
  insertUserGroup,
  listUserGroups,
  patchUserGroup,
  removeUserGroup,
} from '../../directory/user-groups';
import { assertMayManageGroup } from '../../accounts/authority';
import { crudRoutes, type CrudServices } from '../crud';
import type { Api } from '../types';

export function adminUserGroupRoutes(app: Api, services: CrudServices): void {
  crudRoutes(app, services, {
    path: '/admin/user-groups',
    noun: 'user-group',
    item: UserGroup,
    create: CreateUserGroup,
    update: UpdateUserGroup,
    conflict: { code: 'name_taken', message: 'Another user group has that name', field: 'body.name' },
    list: listUserGroups,
    get: getUserGroup,
    insert: insertUserGroup,
    patch: patchUserGroup,
    remove: removeUserGroup,
    authority: { patch: assertMayManageGroup, remove: assertMayManageGroup },
  });
}
