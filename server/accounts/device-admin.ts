// What administrators do to devices: add, change, delete. Each change is one transaction with
// its authority check and audit entry; after the commit, a provisioned desk phone it touches is
// told to fetch its configuration again, then the SIP credentials it revoked are announced (the
// registrar drops their bindings).
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
import { deviceView, type DeviceViewServices } from '../provision/device-view';
import { assertMayManageDevice, assertMayManageExtension, type AdminActor } from './authority';

/** What device administration works with. */
export interface DeviceAdminServices extends DeviceViewServices {
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

/** The passwords an answer shows, once: only those the change issued. */
const issued = (passwords: { sipPassword: string | null; provisioningPassword: string | null }) => ({
  ...(passwords.sipPassword !== null && { sipPassword: passwords.sipPassword }),
  ...(passwords.provisioningPassword !== null && { provisioningPassword: passwords.provisioningPassword }),
});

/**
 * Adds a device with its own SIP credentials (and, for a desk phone the office provisions, its
 * own provisioning credentials), to an extension or the free pool; the passwords are shown this once.
 */
export async function createDevice(
  services: DeviceAdminServices,
  actor: AdminActor,
  request: CreateDeviceRequest,
): Promise<CreatedDevice> {
  const { db, clock, secrets } = services;
  const { id, sipPassword, provisioningPassword } = await db.transaction().execute(async (trx) => {
    const now = clock();
    await assertMayManageExtension(trx, actor, request.extension ?? null, 'body.extension');
    const created = await insertDevice(trx, secrets, request, now);
    await auditDevice(trx, now, actor, 'created', created.id, request);
    return created;
  });
  // A new device may change what its extension's requests are challenged with.
  services.events.emit('sip-digest-changed');
  return {
    ...deviceView(services, await getDevice(db, id)),
    sipPassword,
    ...issued({ sipPassword, provisioningPassword }),
  };
}

/**
 * Changes a device, moves it to another extension or the pool, or renews its credentials; the
 * new passwords, when there are any, are shown this once.
 */
export async function changeDevice(
  services: DeviceAdminServices,
  actor: AdminActor,
  id: string,
  request: UpdateDeviceRequest,
): Promise<UpdatedDevice> {
  const { db, clock, secrets, events } = services;
  const update = await db.transaction().execute(async (trx) => {
    const now = clock();
    await assertMayManageDevice(trx, actor, id);
    if (request.extension !== undefined)
      await assertMayManageExtension(trx, actor, request.extension, 'body.extension');
    const result = await updateDevice(trx, secrets, id, request, now);
    await auditDevice(trx, now, actor, 'updated', id, request);
    return result;
  });
  // A phone whose SIP password was renewed is told while its old registration still stands.
  if (update.previously) events.emit('desk-phone-configs-changed', [update.previously]);
  if (update.revokedUsername) events.emit('sip-credentials-revoked', [update.revokedUsername]);
  events.emit('sip-digest-changed');
  return { ...deviceView(services, await getDevice(db, id)), ...issued(update) };
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
