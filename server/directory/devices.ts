import { randomBytes, randomUUID } from 'node:crypto';
import type {
  CreateDeviceRequest,
  Device,
  DeviceListQuery,
  DeviceProvisioning,
  UpdateDeviceRequest,
} from '../../common/api/devices';
import { findDeskPhoneModel } from '../../common/api/desk-phone-models';
import type { OfficeDb } from '../db/database';
import type { DeviceTable } from '../db/schema';
import { isUniqueViolation } from '../db/database';
import { OfficeError, notFound } from '../errors';
import { generateTemporaryPassword } from '../accounts/passwords';
import { isoAt } from '../time';
import type { SecretBox } from '../secrets/secret-box';
import {
  blfKeysOf,
  deskPhoneTarget,
  newProvisioningCredentials,
  replaceBlfKeys,
  type ResyncTarget,
} from './desk-phones';

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

/** A desk phone's provisioning credential as stored: its username and the sealed hash of its password. */
export type ProvisioningColumns = Pick<DeviceTable, 'provisioning_username' | 'provisioning_secret_sealed'>;

const NO_PROVISIONING: ProvisioningColumns = {
  provisioning_username: null,
  provisioning_secret_sealed: null,
};

/** The columns a new device starts with besides what it is and its credentials. */
export const NEW_DEVICE_COLUMNS = {
  ...NO_PROVISIONING,
  sip_transport: 'udp',
  last_fetch_at: null,
  last_fetch_address: null,
  last_fetch_file: null,
  last_fetch_user_agent: null,
} satisfies Partial<DeviceTable>;

export function normaliseMac(mac: string): string {
  return mac
    .replace(/[:-]/g, '')
    .toUpperCase()
    .replace(/(..)(?!$)/g, '$1:');
}

/** A device as the directory keeps it; the API adds where it fetches from and its live registrations. */
export type StoredDevice = Omit<Device, 'registrations' | 'provisioning'> & {
  provisioning: Omit<DeviceProvisioning, 'url'> | null;
};

function selectDevices(db: OfficeDb) {
  return db
    .selectFrom('devices')
    .leftJoin('extensions', 'extensions.id', 'devices.extension_id')
    .selectAll('devices')
    .select('extensions.number as extension');
}

type DeviceRow = Awaited<ReturnType<ReturnType<typeof selectDevices>['executeTakeFirstOrThrow']>>;

/** Whether the office serves this device a configuration: a desk phone of a catalogued model. */
export const isProvisioned = (row: Pick<DeviceTable, 'kind' | 'model'>) =>
  row.kind === 'desk-phone' && findDeskPhoneModel(row.model) !== null;

function provisioningOf(row: DeviceRow): StoredDevice['provisioning'] {
  const model = row.kind === 'desk-phone' ? findDeskPhoneModel(row.model) : null;
  if (!model) return null;
  const fetched =
    row.last_fetch_at === null
      ? null
      : {
          at: row.last_fetch_at,
          address: row.last_fetch_address ?? '',
          file: row.last_fetch_file ?? '',
          userAgent: row.last_fetch_user_agent ?? '',
        };
  return { vendor: model.vendor, username: row.provisioning_username, lastFetch: fetched };
}

async function toDevices(db: OfficeDb, rows: DeviceRow[]): Promise<StoredDevice[]> {
  const keys = await blfKeysOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    label: row.label,
    model: row.model,
    mac: row.mac,
    sipUsername: row.sip_username,
    extension: row.extension,
    sipDigestAlgorithms: row.sip_digest_algorithms,
    sipTransport: row.sip_transport,
    blfKeys: keys.get(row.id) ?? [],
    provisioning: provisioningOf(row),
    createdAt: row.created_at,
  }));
}

export async function listDevices(db: OfficeDb, query: DeviceListQuery): Promise<StoredDevice[]> {
  let select = selectDevices(db);
  if (query.assigned === true) select = select.where('devices.extension_id', 'is not', null);
  if (query.assigned === false) select = select.where('devices.extension_id', 'is', null);
  return toDevices(db, await select.orderBy('devices.created_at').orderBy('devices.id').execute());
}

export async function getDevice(db: OfficeDb, id: string): Promise<StoredDevice> {
  const row = await selectDevices(db).where('devices.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Device');
  const [device] = await toDevices(db, [row]);
  return device!;
}

export async function devicesOfUser(db: OfficeDb, userId: string): Promise<StoredDevice[]> {
  const rows = await selectDevices(db)
    .where('extensions.user_id', '=', userId)
    .orderBy('devices.created_at')
    .execute();
  return toDevices(db, rows);
}

async function extensionIdOf(db: OfficeDb, number: string): Promise<string> {
  const row = await db.selectFrom('extensions').select('id').where('number', '=', number).executeTakeFirst();
  if (!row) throw new OfficeError(400, 'invalid_field', `There is no extension ${number}`, 'body.extension');
  return row.id;
}

function macRequired(): OfficeError {
  return new OfficeError(
    400,
    'invalid_field',
    'A desk phone the office provisions needs its MAC address: it asks for its files by it',
    'body.mac',
  );
}

function blfKeysRefused(): OfficeError {
  return new OfficeError(
    400,
    'invalid_field',
    'Only a desk phone the office provisions has BLF keys',
    'body.blfKeys',
  );
}

/** Writes the row, turning a MAC address already used into a 409. */
async function writingMac<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error))
      throw new OfficeError(409, 'mac_taken', 'Another device has that MAC address', 'body.mac');
    throw error;
  }
}

/**
 * Adds a device with fresh SIP credentials and, for a desk phone the office provisions, fresh
 * provisioning credentials; returns its id and the passwords, to show once.
 */
export async function insertDevice(
  db: OfficeDb,
  secrets: SecretBox,
  request: CreateDeviceRequest,
  now: number,
): Promise<{ id: string; sipPassword: string; provisioningPassword: string | null }> {
  const id = randomUUID();
  const provisioned = isProvisioned(request);
  if (provisioned && !request.mac) throw macRequired();
  if (!provisioned && request.blfKeys?.length) throw blfKeysRefused();
  const extensionId = request.extension ? await extensionIdOf(db, request.extension) : null;
  const credentials = newSipCredentials(secrets);
  const provisioning = provisioned ? newProvisioningCredentials(secrets) : null;
  await writingMac(() =>
    db
      .insertInto('devices')
      .values({
        id,
        kind: request.kind,
        label: request.label ?? '',
        model: request.model,
        mac: request.mac ? normaliseMac(request.mac) : null,
        ...credentials.columns,
        ...NEW_DEVICE_COLUMNS,
        ...provisioning?.columns,
        sip_transport: request.sipTransport ?? 'udp',
        extension_id: extensionId,
        created_at: isoAt(now),
        updated_at: isoAt(now),
      })
      .execute(),
  );
  if (request.blfKeys) await replaceBlfKeys(db, { id, model: request.model, extensionId }, request.blfKeys);
  return { id, sipPassword: credentials.password, provisioningPassword: provisioning?.password ?? null };
}

export interface DeviceUpdate {
  /** The SIP username that stopped working (the device's registrations end), if any. */
  revokedUsername: string | null;
  sipPassword: string | null;
  provisioningPassword: string | null;
  /**
   * The phone as it was, if the office provisioned it, it had a line and its configuration
   * changed: told to fetch it again.
   */
  previously: ResyncTarget | null;
}

/**
 * Edits a device. Releasing it to the pool or moving it to another extension gives it fresh SIP
 * credentials, so whoever had the old ones can no longer register. A desk phone that becomes one
 * the office provisions gets provisioning credentials; one that stops being one loses them and
 * its BLF keys. The passwords issued are returned, to show once.
 */
export async function updateDevice(
  db: OfficeDb,
  secrets: SecretBox,
  id: string,
  request: UpdateDeviceRequest,
  now: number,
): Promise<DeviceUpdate> {
  const current = await db.selectFrom('devices').selectAll().where('id', '=', id).executeTakeFirst();
  if (!current) throw notFound('Device');
  const previously = await deskPhoneTarget(db, id);
  const extensionId =
    request.extension === undefined
      ? current.extension_id
      : request.extension === null
        ? null
        : await extensionIdOf(db, request.extension);
  const model = request.model ?? current.model;
  const mac = request.mac === undefined ? current.mac : request.mac && normaliseMac(request.mac);
  const provisioned = isProvisioned({ kind: current.kind, model });
  if (provisioned && !mac) throw macRequired();
  if (!provisioned && (request.blfKeys?.length || request.regenerateProvisioningCredentials))
    throw new OfficeError(
      400,
      'invalid_field',
      'Only a desk phone the office provisions has BLF keys and provisioning credentials',
      request.blfKeys?.length ? 'body.blfKeys' : 'body.regenerateProvisioningCredentials',
    );
  const reassigned = extensionId !== current.extension_id && current.extension_id !== null;
  const fresh = reassigned || request.regenerateCredentials === true ? newSipCredentials(secrets) : null;
  const freshProvisioning =
    provisioned && (request.regenerateProvisioningCredentials || current.provisioning_username === null)
      ? newProvisioningCredentials(secrets)
      : null;
  await writingMac(() =>
    db
      .updateTable('devices')
      .set({
        ...(request.label !== undefined && { label: request.label }),
        model,
        mac,
        ...(request.sipTransport !== undefined && { sip_transport: request.sipTransport }),
        ...(request.sipDigestAlgorithms !== undefined && {
          sip_digest_algorithms: request.sipDigestAlgorithms,
        }),
        ...fresh?.columns,
        ...(freshProvisioning?.columns ?? (provisioned ? {} : NO_PROVISIONING)),
        extension_id: extensionId,
        updated_at: isoAt(now),
      })
      .where('id', '=', id)
      .execute(),
  );
  // The keys are checked again whenever what they depend on changed (the model's key count, the
  // phone's own extension); a phone no longer provisioned has none.
  const keysBefore = (await blfKeysOf(db, [id])).get(id) ?? [];
  const keys = provisioned ? (request.blfKeys ?? keysBefore) : [];
  await replaceBlfKeys(db, { id, model, extensionId }, keys);
  // What the phone's configuration says changed (its label and provisioning credential are not in it).
  const configChanged =
    model !== current.model ||
    mac !== current.mac ||
    (request.sipTransport ?? current.sip_transport) !== current.sip_transport ||
    extensionId !== current.extension_id ||
    fresh !== null ||
    keys.join() !== keysBefore.join();
  return {
    revokedUsername: fresh ? current.sip_username : null,
    sipPassword: fresh?.password ?? null,
    provisioningPassword: freshProvisioning?.password ?? null,
    previously: configChanged ? previously : null,
  };
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
      ...NEW_DEVICE_COLUMNS,
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
