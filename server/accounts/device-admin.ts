// What administrators do to devices: add, change, delete. Each change is one transaction with
// its authority check and audit entry; SIP credentials it revokes are announced after the commit
// (the registrar drops their bindings).
import type {
  CreateDeviceRequest,
  CreatedDevice,
  UpdateDeviceRequest,
  UpdatedDevice,
} from '../../common/api/devices';
import type { OfficeDb } from '../db/database';
import type { Clock } from '../time';
import type { SecretBox } from '../secrets/secret-box';
import type { DirectoryEvents } from '../directory/events';
import { deleteDevice, getDevice, insertDevice, updateDevice } from '../directory/devices';
import { writeAudit } from '../directory/audit';
import { assertMayManageDevice, assertMayManageExtension, type AdminActor } from './authority';

/** What device administration works with. */
export interface DeviceAdminServices {
  db: OfficeDb;
  clock: Clock;
  secrets: SecretBox;
  events: DirectoryEvents;
}

/** An audit entry about one device. */
const auditDevice = (
  trx: OfficeDb,
  now: number,
  actor: AdminActor,
  action: 'created' | 'updated' | 'deleted',
  id: string,
  details: Record<string, unknown>,
) => writeAudit(trx, now, actor, `device.${action}`, { type: 'device', id }, details);

/** Adds a device with its own SIP credentials, to an extension or the free pool; the password is shown this once. */
export async function createDevice(
  services: Pick<DeviceAdminServices, 'db' | 'clock' | 'secrets'>,
  actor: AdminActor,
  request: CreateDeviceRequest,
): Promise<CreatedDevice> {
  const { db, clock, secrets } = services;
  const { id, sipPassword } = await db.transaction().execute(async (trx) => {
    const now = clock();
    await assertMayManageExtension(trx, actor, request.extension ?? null, 'body.extension');
    const created = await insertDevice(trx, secrets, request, now);
    await auditDevice(trx, now, actor, 'created', created.id, request);
    return created;
  });
  return { ...(await getDevice(db, id)), sipPassword };
}

/**
 * Changes a device, moves it to another extension or the pool, or renews its credentials; the
 * new SIP password, when there is one, is shown this once.
 */
export async function changeDevice(
  services: DeviceAdminServices,
  actor: AdminActor,
  id: string,
  request: UpdateDeviceRequest,
): Promise<UpdatedDevice> {
  const { db, clock, secrets, events } = services;
  const { revokedUsername, sipPassword } = await db.transaction().execute(async (trx) => {
    const now = clock();
    await assertMayManageDevice(trx, actor, id);
    if (request.extension !== undefined)
      await assertMayManageExtension(trx, actor, request.extension, 'body.extension');
    const result = await updateDevice(trx, secrets, id, request, now);
    await auditDevice(trx, now, actor, 'updated', id, request);
    return result;
  });
  if (revokedUsername) events.emit('sip-credentials-revoked', [revokedUsername]);
  const device = await getDevice(db, id);
  return sipPassword === null ? device : { ...device, sipPassword };
}

/** Deletes a device; its registrations end. */
export async function removeDevice(
  services: Pick<DeviceAdminServices, 'db' | 'clock' | 'events'>,
  actor: AdminActor,
  id: string,
): Promise<void> {
  const { db, clock, events } = services;
  const username = await db.transaction().execute(async (trx) => {
    const now = clock();
    await assertMayManageDevice(trx, actor, id);
    const removed = await deleteDevice(trx, id);
    await auditDevice(trx, now, actor, 'deleted', id, { label: removed.label, model: removed.model });
    return removed.sipUsername;
  });
  events.emit('sip-credentials-revoked', [username]);
}
