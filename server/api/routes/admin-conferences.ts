import { Conference, CreateConference, UpdateConference } from '../../../common/api/conferences';
import {
  getConference,
  insertConference,
  listConferences,
  patchConference,
  removeConference,
} from '../../directory/conferences';
import { crudRoutes, type CrudServices } from '../crud';
import type { Api } from '../types';

/** Any administrator manages bridges: a bridge rings nobody's phone and holds no one's data. */
export function adminConferenceRoutes(app: Api, services: CrudServices): void {
  crudRoutes(app, services, {
    path: '/admin/conferences',
    noun: 'conference',
    item: Conference,
    create: CreateConference,
    update: UpdateConference,
    // Two admins taking the same free extension at once: the database's unique index decides.
    conflict: {
      code: 'extension_taken',
      message: 'That extension is already in use',
      field: 'body.extension',
    },
    refusals: { update: { 400: ['extension_invalid'] }, remove: { 409: ['in_use'] } },
    list: listConferences,
    get: getConference,
    insert: insertConference,
    patch: patchConference,
    remove: removeConference,
  });
}
