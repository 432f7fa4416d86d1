import { CreatePhoneNumber, PhoneNumber, UpdatePhoneNumber } from '../../../common/api/directory';
import {
  getPhoneNumber,
  insertPhoneNumber,
  listPhoneNumbers,
  patchPhoneNumber,
  removePhoneNumber,
} from '../../directory/phone-numbers';
import { assertMayManagePhoneNumber, assertMayRouteTo } from '../../accounts/authority';
import { crudRoutes, type CrudServices } from '../crud';
import type { Api } from '../types';

export function adminPhoneNumberRoutes(app: Api, services: CrudServices): void {
  crudRoutes(app, services, {
    path: '/admin/phone-numbers',
    noun: 'phone-number',
    item: PhoneNumber,
    create: CreatePhoneNumber,
    update: UpdatePhoneNumber,
    conflict: { code: 'number_taken', message: 'That number is already in the office', field: 'body.number' },
    list: listPhoneNumbers,
    get: getPhoneNumber,
    insert: insertPhoneNumber,
    patch: patchPhoneNumber,
    remove: removePhoneNumber,
    authority: {
      insert: (db, actor, body) => assertMayRouteTo(db, actor, body.routeType, body.routeTarget),
      patch: assertMayManagePhoneNumber,
      remove: assertMayManagePhoneNumber,
    },
  });
}
