// What provisioning reads and writes: a desk phone's provisioning credential, everything its
// configuration is made of, its BLF keys, its last fetch, and which phones a change touches.
import { randomBytes } from 'node:crypto';
import { findDeskPhoneModel, type DeskPhoneVendor } from '../../common/api/desk-phone-models';
import type { SipTransport } from '../../common/api/devices';
import type { OfficeDb } from '../db/database';
import { OfficeError } from '../errors';
import { generateTemporaryPassword } from '../accounts/passwords';
import { digestHa1 } from '../sip/digest';
import type { SecretBox } from '../secrets/secret-box';
import { isoAt } from '../time';

/** The realm of the provisioning server's digest challenge; the stored hashes are bound to it. */
export const PROVISIONING_REALM = 'switchboard-provisioning';

/**
 * A fresh provisioning credential: the columns to store (the digest hash of the password,
 * sealed: the password itself is never kept) and the password to show once.
 */
export function newProvisioningCredentials(secrets: SecretBox) {
  const username = `p${randomBytes(6).toString('hex')}`;
  const password = generateTemporaryPassword(24);
  return {
    columns: {
      provisioning_username: username,
      provisioning_secret_sealed: secrets.seal(digestHa1('MD5', username, PROVISIONING_REALM, password)),
    },
    password,
  };
}

/** A desk phone a change touches: where its registrations are, and how its vendor is told. */
export interface ResyncTarget {
  extension: string;
  sipUsername: string;
  vendor: DeskPhoneVendor;
}

/** The device behind a provisioning username, with the sealed hash its digest is checked against. */
export async function findProvisioningAccount(
  db: OfficeDb,
  username: string,
): Promise<{ deviceId: string; secretSealed: string } | null> {
  const row = await db
    .selectFrom('devices')
    .select(['id', 'provisioning_secret_sealed'])
    .where('provisioning_username', '=', username)
    .where('kind', '=', 'desk-phone')
    .executeTakeFirst();
  return row?.provisioning_secret_sealed
    ? { deviceId: row.id, secretSealed: row.provisioning_secret_sealed }
    : null;
}

/** Everything a desk phone's configuration is made of, as stored. */
export interface PhoneRecord {
  deviceId: string;
  model: string;
  mac: string | null;
  sipTransport: SipTransport;
  /** Null for a phone in the free pool: it gets a configuration without an account. */
  line: {
    extension: string;
    displayName: string;
    sipUsername: string;
    sipPasswordSealed: string;
    /** The owner's own language, when they chose one. */
    language: string | null;
  } | null;
  blf: { extension: string; label: string }[];
}

export async function readPhoneRecord(db: OfficeDb, deviceId: string): Promise<PhoneRecord | null> {
  const row = await db
    .selectFrom('devices')
    .leftJoin('extensions', 'extensions.id', 'devices.extension_id')
    .leftJoin('users', 'users.id', 'extensions.user_id')
    .select([
      'devices.id',
      'devices.model',
      'devices.mac',
      'devices.sip_transport',
      'devices.sip_username',
      'devices.sip_password_sealed',
      'extensions.number',
      'extensions.caller_id_name',
      'users.language',
    ])
    .where('devices.id', '=', deviceId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    deviceId: row.id,
    model: row.model,
    mac: row.mac,
    sipTransport: row.sip_transport,
    line:
      row.number === null
        ? null
        : {
            extension: row.number,
            displayName: row.caller_id_name || row.number,
            sipUsername: row.sip_username,
            sipPasswordSealed: row.sip_password_sealed,
            language: row.language,
          },
    blf: (await colleaguesOnKeys(db, [deviceId])).get(deviceId) ?? [],
  };
}

/** A phone fetched a file of its configuration. */
export async function recordFetch(
  db: OfficeDb,
  deviceId: string,
  fetch: { address: string; file: string; userAgent: string },
  now: number,
): Promise<void> {
  await db
    .updateTable('devices')
    .set({
      last_fetch_at: isoAt(now),
      last_fetch_address: fetch.address,
      last_fetch_file: fetch.file,
      last_fetch_user_agent: fetch.userAgent,
    })
    .where('id', '=', deviceId)
    .execute();
}

/** The colleagues on each device's BLF keys, in key order: their extension and the name it shows. */
async function colleaguesOnKeys(
  db: OfficeDb,
  deviceIds: string[],
): Promise<Map<string, { extension: string; label: string }[]>> {
  const keys = new Map<string, { extension: string; label: string }[]>();
  if (deviceIds.length === 0) return keys;
  const rows = await db
    .selectFrom('device_blf_keys')
    .innerJoin('extensions', 'extensions.id', 'device_blf_keys.extension_id')
    .select(['device_blf_keys.device_id', 'extensions.number', 'extensions.caller_id_name'])
    .where('device_blf_keys.device_id', 'in', deviceIds)
    .orderBy('device_blf_keys.device_id')
    .orderBy('device_blf_keys.position')
    .execute();
  for (const row of rows) {
    const key = { extension: row.number, label: row.caller_id_name || row.number };
    keys.set(row.device_id, [...(keys.get(row.device_id) ?? []), key]);
  }
  return keys;
}

/** The BLF keys of each device, as extension numbers in key order. */
export async function blfKeysOf(db: OfficeDb, deviceIds: string[]): Promise<Map<string, string[]>> {
  const colleagues = await colleaguesOnKeys(db, deviceIds);
  return new Map([...colleagues].map(([id, keys]) => [id, keys.map((key) => key.extension)]));
}

/**
 * Puts these colleagues' extensions on the device's BLF keys, in order: each must exist, none
 * may be the phone's own, and there may be no more than the model has keys.
 */
export async function replaceBlfKeys(
  db: OfficeDb,
  device: { id: string; model: string; extensionId: string | null },
  numbers: string[],
): Promise<void> {
  const keys = findDeskPhoneModel(device.model)?.blfKeys ?? 0;
  if (numbers.length > keys) {
    const model = findDeskPhoneModel(device.model)?.name ?? device.model;
    throw new OfficeError(400, 'invalid_field', `The ${model} has ${keys} BLF keys`, 'body.blfKeys');
  }
  const rows =
    numbers.length === 0
      ? []
      : await db.selectFrom('extensions').select(['id', 'number']).where('number', 'in', numbers).execute();
  const idOf = new Map(rows.map((row) => [row.number, row.id]));
  const ids = numbers.map((number, index) => {
    const id = idOf.get(number);
    if (!id)
      throw new OfficeError(400, 'invalid_field', `There is no extension ${number}`, `body.blfKeys.${index}`);
    if (id === device.extensionId)
      throw new OfficeError(
        400,
        'invalid_field',
        'A phone’s own extension cannot be one of its BLF keys',
        `body.blfKeys.${index}`,
      );
    return id;
  });
  await db.deleteFrom('device_blf_keys').where('device_id', '=', device.id).execute();
  if (ids.length > 0)
    await db
      .insertInto('device_blf_keys')
      .values(
        ids.map((extensionId, position) => ({ device_id: device.id, position, extension_id: extensionId })),
      )
      .execute();
}

function provisionedTargets(
  rows: { number: string | null; sip_username: string; model: string }[],
): ResyncTarget[] {
  return rows.flatMap((row) => {
    const model = findDeskPhoneModel(row.model);
    return model && row.number !== null
      ? [{ extension: row.number, sipUsername: row.sip_username, vendor: model.vendor }]
      : [];
  });
}

function deskPhones(db: OfficeDb) {
  return db
    .selectFrom('devices')
    .innerJoin('extensions', 'extensions.id', 'devices.extension_id')
    .select(['extensions.number', 'devices.sip_username', 'devices.model'])
    .where('devices.kind', '=', 'desk-phone')
    .where('devices.provisioning_username', 'is not', null);
}

/**
 * The provisioned desk phones whose configuration shows these extensions: their own line, or a
 * colleague's on a BLF key.
 */
export async function deskPhonesShowing(db: OfficeDb, extensionIds: string[]): Promise<ResyncTarget[]> {
  if (extensionIds.length === 0) return [];
  const watching = db
    .selectFrom('device_blf_keys')
    .select('device_id')
    .where('extension_id', 'in', extensionIds);
  const rows = await deskPhones(db)
    .where((eb) => eb.or([eb('devices.extension_id', 'in', extensionIds), eb('devices.id', 'in', watching)]))
    .execute();
  return provisionedTargets(rows);
}

/** The same for a user's extension: their own desk phones and colleagues watching them. */
export async function deskPhonesShowingUser(db: OfficeDb, userId: string): Promise<ResyncTarget[]> {
  const own = await db.selectFrom('extensions').select('id').where('user_id', '=', userId).execute();
  return deskPhonesShowing(
    db,
    own.map((extension) => extension.id),
  );
}

/** Every provisioned desk phone on an extension: a company-wide setting changed. */
export async function everyDeskPhone(db: OfficeDb): Promise<ResyncTarget[]> {
  return provisionedTargets(await deskPhones(db).execute());
}

/** The phone as it is now, if the office provisions it and it has a line. */
export async function deskPhoneTarget(db: OfficeDb, deviceId: string): Promise<ResyncTarget | null> {
  return provisionedTargets(await deskPhones(db).where('devices.id', '=', deviceId).execute())[0] ?? null;
}

/** Whether this extension is on one of the device's BLF keys: what lets it watch that line. */
export async function hasBlfKeyFor(db: OfficeDb, deviceId: string, extension: string): Promise<boolean> {
  const row = await db
    .selectFrom('device_blf_keys')
    .innerJoin('extensions', 'extensions.id', 'device_blf_keys.extension_id')
    .select('device_blf_keys.position')
    .where('device_blf_keys.device_id', '=', deviceId)
    .where('extensions.number', '=', extension)
    .executeTakeFirst();
  return row !== undefined;
}
