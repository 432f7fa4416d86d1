import { CreateRingGroup, RingGroup, UpdateRingGroup } from '../../../common/api/ring-groups';
import {
  getRingGroup,
  insertRingGroup,
  listRingGroups,
  patchRingGroup,
  removeRingGroup,
} from '../../directory/ring-groups';
import { assertMayManageRingGroup, assertMayRing } from '../../accounts/authority';
import type { OfficeServices } from '../../office-services';
import { crudRoutes, type CrudServices } from '../crud';
import type { Api } from '../types';

export function adminRingGroupRoutes(
  app: Api,
  services: CrudServices & Pick<OfficeServices, 'voicemailFiles' | 'logger'>,
): void {
  crudRoutes(app, services, {
    path: '/admin/ring-groups',
    noun: 'ring-group',
    item: RingGroup,
    create: CreateRingGroup,
    update: UpdateRingGroup,
    // Two admins taking the same free extension at once: the database's unique index decides.
    conflict: {
      code: 'extension_taken',
      message: 'That extension is already in use',
      field: 'body.extension',
    },
    refusals: { update: { 400: ['extension_invalid'] }, remove: { 409: ['in_use'] } },
    list: listRingGroups,
    get: getRingGroup,
    insert: insertRingGroup,
    patch: patchRingGroup,
    remove: async (db, id) => {
      const audioFiles = await removeRingGroup(db, id);
      return () => services.voicemailFiles.removeLeftovers(audioFiles, services.logger);
    },
    authority: {
      insert: assertMayRing,
      patch: async (db, actor, id, body) => {
        await assertMayManageRingGroup(db, actor, id);
        await assertMayRing(db, actor, body);
      },
      remove: assertMayManageRingGroup,
    },
  });
}
