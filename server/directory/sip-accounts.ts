// What the SIP service asks the directory: who may register, and where a dialled number rings.
import type { CompiledQuery } from 'kysely';
import type { OfficeDb } from '../db/database';
import type { Preferences } from '../../common/api/preferences';
import { readPreferences } from './preferences';

export interface SipAccount {
  deviceId: string;
  sipUsername: string;
  password: string;
  kind: 'softphone' | 'desk-phone';
  extension: string;
  userId: string | null;
}

/**
 * The device behind a SIP username, if it may register now: assigned to an extension, its
 * owner not suspended, and (for the app's softphone) the owner's portal access on. Desk
 * phones keep working when only portal access is off.
 */
function accountQuery(db: OfficeDb) {
  return db
    .selectFrom('devices')
    .innerJoin('extensions', 'extensions.id', 'devices.extension_id')
    .leftJoin('users', 'users.id', 'extensions.user_id')
    .select([
      'devices.id',
      'devices.sip_username',
      'devices.sip_password',
      'devices.kind',
      'extensions.number',
      'users.id as user_id',
      'users.status',
      'users.portal_access',
    ])
    .where('devices.sip_username', '=', '');
}

type AccountRow = Awaited<ReturnType<ReturnType<typeof accountQuery>['executeTakeFirstOrThrow']>>;

/**
 * Every REGISTER and INVITE looks a device up: the query is compiled once per database and run
 * with the username as its only parameter, instead of being built anew each time.
 */
const compiledAccountQueries = new WeakMap<OfficeDb, CompiledQuery<AccountRow>>();

export async function findSipAccount(db: OfficeDb, sipUsername: string): Promise<SipAccount | null> {
  let compiled = compiledAccountQueries.get(db);
  if (!compiled) {
    compiled = accountQuery(db).compile();
    compiledAccountQueries.set(db, compiled);
  }
  const query: CompiledQuery<AccountRow> = { ...compiled, parameters: [sipUsername] };
  const row = (await db.executeQuery(query)).rows[0];
  if (!row) return null;
  if (row.user_id !== null && row.status !== 'active') return null;
  if (row.kind === 'softphone' && row.user_id !== null && row.portal_access !== 1) return null;
  return {
    deviceId: row.id,
    sipUsername: row.sip_username,
    password: row.sip_password,
    kind: row.kind,
    extension: row.number,
    userId: row.user_id,
  };
}

export interface ExtensionTarget {
  extension: string;
  callerIdName: string;
  userId: string | null;
  /** The owner's call handling; null for an extension nobody owns. */
  preferences: Preferences | null;
}

/** A dialled extension of this office with its owner's preferences, or null when it does not exist. */
export async function findExtensionTarget(db: OfficeDb, number: string): Promise<ExtensionTarget | null> {
  const row = await db
    .selectFrom('extensions')
    .select(['number', 'caller_id_name', 'user_id'])
    .where('number', '=', number)
    .executeTakeFirst();
  if (!row) return null;
  return {
    extension: row.number,
    callerIdName: row.caller_id_name,
    userId: row.user_id,
    preferences: row.user_id ? await readPreferences(db, row.user_id) : null,
  };
}
