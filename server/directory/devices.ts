import { randomBytes, randomUUID } from 'node:crypto';
import type {
  CreateDeviceRequest,
  Device,
  DeviceListQuery,
  UpdateDeviceRequest,
} from '../../common/api/devices';
import type { OfficeDb } from '../db/database';
import { isUniqueViolation } from '../db/database';
import { OfficeError, notFound } from '../errors';
import { generateTemporaryPassword } from '../accounts/passwords';
import { isoAt } from '../time';
import type { SecretBox } from '../secrets/secret-box';

/** Fresh SIP credentials: the columns to store (the password sealed) and the password to show once. */
export function newSipCredentials(secrets: SecretBox) {
  const password = generateTemporaryPassword(24);
  return {
    columns: {
      sip_username: `d${randomBytes(6).toString('hex')}`,
      sip_password_sealed: secrets.seal(password),
    },
    password,
  };
}

export function normaliseMac(mac: string): string {
  return mac
    .replace(/[:-]/g, '')
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1:');
}

function selectDevices(db: OfficeDb) {
  return db
    .selectFrom('devices')
    .leftJoin('extensions', 'extensions.id', 'devices.extension_id')
    .selectAll('devices')
    .select('extensions.number as extension');
}

type DeviceRow = Awaited<ReturnType<ReturnType<typeof selectDevices>['executeTakeFirstOrThrow']>>;

function toDevice(row: DeviceRow): Device {
  return {
    id: row.id,
    kind: row.kind,
    label: row.label,
    model: row.model,
    mac: row.mac,
    sipUsername: row.sip_username,
    extension: row.extension,
    createdAt: row.created_at,
  };
}

export async function listDevices(db: OfficeDb, query: DeviceListQuery): Promise<Device[]> {
  let select = selectDevices(db);
  if (query.assigned === true) select = select.where('devices.extension_id', 'is not', null);
  if (query.assigned === false) select = select.where('devices.extension_id', 'is', null);
  return (await select.orderBy('devices.created_at').orderBy('devices.id').execute()).map(toDevice);
}

export async function getDevice(db: OfficeDb, id: string): Promise<Device> {
  const row = await selectDevices(db).where('devices.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Device');
  return toDevice(row);
}

export async function devicesOfUser(db: OfficeDb, userId: string): Promise<Device[]> {
  const rows = await selectDevices(db)
    .where('extensions.user_id', '=', userId)
    .orderBy('devices.created_at')
    .execute();
  return rows.map(toDevice);
}

async function extensionIdOf(db: OfficeDb, number: string): Promise<string> {
  const row = await db.selectFrom('extensions').select('id').where('number', '=', number).executeTakeFirst();
  if (!row) throw new OfficeError(400, 'invalid_field', `There is no extension ${number}`, 'body.extension');
  return row.id;
}

/** Adds a device with fresh SIP credentials; returns its id and its SIP password, to show once. */
export async function insertDevice(
  db: OfficeDb,
  secrets: SecretBox,
  request: CreateDeviceRequest,
  now: number,
): Promise<{ id: string; sipPassword: string }> {
  const id = randomUUID();
  const extensionId = request.extension ? await extensionIdOf(db, request.extension) : null;
  const credentials = newSipCredentials(secrets);
  try {
    await db
      .insertInto('devices')
      .values({
        id,
        kind: request.kind,
        label: request.label ?? '',
        model: request.model,
        mac: request.mac ? normaliseMac(request.mac) : null,
        ...credentials.columns,
        extension_id: extensionId,
        created_at: isoAt(now),
        updated_at: isoAt(now),
      })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error))
      throw new OfficeError(409, 'mac_taken', 'Another device has that MAC address', 'body.mac');
    throw error;
  }
  return { id, sipPassword: credentials.password };
}

/**
 * Edits a device. Releasing it to the pool or moving it to another extension gives it fresh SIP
 * credentials, so whoever had the old ones can no longer register. Returns the revoked username
 * and, when credentials were issued, the new SIP password to show once.
 */
export async function updateDevice(
  db: OfficeDb,
  secrets: SecretBox,
  id: string,
  request: UpdateDeviceRequest,
  now: number,
): Promise<{ revokedUsername: string | null; sipPassword: string | null }> {
  const current = await db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
  if (!current) throw notFound('Device');
  const extensionId =
    request.extension === undefined
      ? current.extension_id
      : request.extension === null
        ? null
        : await extensionIdOf(db, request.extension);
  const reassigned = extensionId !== current.extension_id && current.extension_id !== null;
  const fresh = reassigned || request.regenerateCredentials === true ? newSipCredentials(secrets) : null;
  try {
    await db
      .updateTable('devices')
      .set({
        ...(request.label !== undefined && { label: request.label }),
        ...(request.model !== undefined && { model: request.model }),
        ...(request.mac !== undefined && { mac: request.mac === null ? null : normaliseMac(request.mac) }),
        ...fresh?.columns,
        extension_id: extensionId,
        updated_at: isoAt(now),
      })
      .where('id', '=', id)
      .execute();
  } catch (error) {
    if (isUniqueViolation(error))
      throw new OfficeError(409, 'mac_taken', 'Another device has that MAC address', 'body.mac');
    throw error;
  }
  return { revokedUsername: fresh ? current.sip_username : null, sipPassword: fresh?.password ?? null };
}

/** A new user's softphone (the app's SIP account) on their extension, with fresh credentials. */
export async function insertSoftphone(
  db: OfficeDb,
  secrets: SecretBox,
  extension: { id: string; number: string },
  now: number,
): Promise<void> {
  await db
    .insertInto('devices')
    .values({
      id: randomUUID(),
      kind: 'softphone',
      // Named by the app in each reader's language ("Softphone of 104"); an admin may label it.
      label: '',
      model: 'Switchboard',
      mac: null,
      ...newSipCredentials(secrets).columns,
      extension_id: extension.id,
      created_at: isoAt(now),
      updated_at: isoAt(now),
    })
    .execute();
}

/** The SIP usernames of an extension's devices (of one kind only, when given). */
export async function sipUsernamesOf(
  db: OfficeDb,
  extensionId: string | null,
  kind?: 'softphone',
): Promise<string[]> {
  if (!extensionId) return [];
  let query = db.selectFrom('devices').select('sip_username').where('extension_id', '=', extensionId);
  if (kind) query = query.where('kind', '=', kind);
  return (await query.execute()).map((d) => d.sip_username);
}

/** Releases every device of an extension to the free pool with fresh credentials. */
export async function releaseDevicesOf(
  db: OfficeDb,
  secrets: SecretBox,
  extensionId: string,
  now: number,
): Promise<string[]> {
  const devices = await db
    .selectFrom('devices')
    .select(['id', 'sip_username'])
    .where('extension_id', '=', extensionId)
    .execute();
  for (const device of devices) {
    await db
      .updateTable('devices')
      .set({ ...newSipCredentials(secrets).columns, extension_id: null, updated_at: isoAt(now) })
      .where('id', '=', device.id)
      .execute();
  }
  return devices.map((d) => d.sip_username);
}

/**
 * Deletes a device; returns its SIP username (whose registrations end), and its label and model
 * (the audit log names it by them).
 */
export async function deleteDevice(
  db: OfficeDb,
  id: string,
): Promise<{ sipUsername: string; label: string; model: string }> {
  const row = await db
    .deleteFrom('devices')
    .where('id', '=', id)
    .returning(['sip_username', 'label', 'model'])
    .executeTakeFirst();
  if (!row) throw notFound('Device');
  return { sipUsername: row.sip_username, label: row.label, model: row.model };
}
