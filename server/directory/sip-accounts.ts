// What the SIP service asks the directory: who may register, and where a dialled number rings.
import type { CompiledQuery } from 'kysely';
import type { OfficeDb } from '../db/database';
import type { Preferences } from '../../common/api/preferences';
import { readPreferences } from './preferences';
import type { SecretBox } from '../secrets/secret-box';
import type { DigestChoice } from '../db/schema';

export interface SipAccount {
  deviceId: string;
  sipUsername: string;
  password: string;
  kind: 'softphone' | 'desk-phone';
  extension: string;
  userId: string | null;
  /** The digest challenges it takes; null follows the company. */
  digestChoice: DigestChoice | null;
}

/** Stands for the username in the compiled query; replaced by value, wherever it sits. */
const USERNAME_PLACEHOLDER = '\u0000sip-username\u0000';

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
      'devices.sip_password_sealed',
      'devices.kind',
      'devices.sip_digest_algorithms',
      'extensions.number',
      'users.id as user_id',
      'users.status',
      'users.portal_access',
    ])
    .where('devices.sip_username', '=', USERNAME_PLACEHOLDER);
}

type AccountRow = Awaited<ReturnType<ReturnType<typeof accountQuery>['executeTakeFirstOrThrow']>>;

/** Unsealed passwords kept: about one per registered device, so every office fits. */
const UNSEALED_CACHE_SIZE = 20_000;

/**
 * Every REGISTER and INVITE looks a device up, so this is the hot path: the query is compiled
 * once and run with the username bound in place of its placeholder, and unsealed passwords are
 * remembered by their sealed text (new credentials are new text, so nothing goes stale).
 */
export class SipAccounts {
  private readonly compiled: CompiledQuery<AccountRow>;
  private readonly usernameAt: number;
  private readonly unsealed = new Map<string, string>();

  constructor(
    private readonly db: OfficeDb,
    private readonly secrets: SecretBox,
  ) {
    this.compiled = accountQuery(db).compile();
    this.usernameAt = this.compiled.parameters.indexOf(USERNAME_PLACEHOLDER);
    if (this.usernameAt < 0 || this.compiled.parameters.lastIndexOf(USERNAME_PLACEHOLDER) !== this.usernameAt)
      throw new Error('the SIP account query must bind the username exactly once');
  }

  async find(sipUsername: string): Promise<SipAccount | null> {
    const parameters = [...this.compiled.parameters];
    parameters[this.usernameAt] = sipUsername;
    const query: CompiledQuery<AccountRow> = { ...this.compiled, parameters };
    const row = (await this.db.executeQuery(query)).rows[0];
    if (!row) return null;
    if (row.user_id !== null && row.status !== 'active') return null;
    if (row.kind === 'softphone' && row.user_id !== null && row.portal_access !== 1) return null;
    return {
      deviceId: row.id,
      sipUsername: row.sip_username,
      password: this.unseal(row.sip_password_sealed),
      kind: row.kind,
      extension: row.number,
      userId: row.user_id,
      digestChoice: row.sip_digest_algorithms,
    };
  }

  private unseal(sealed: string): string {
    let password = this.unsealed.get(sealed);
    if (password === undefined) {
      password = this.secrets.unseal(sealed);
      if (this.unsealed.size >= UNSEALED_CACHE_SIZE) this.unsealed.delete(this.unsealed.keys().next().value!);
      this.unsealed.set(sealed, password);
    }
    return password;
  }
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
