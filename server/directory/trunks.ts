// The office's SIP trunks. The carrier password is sealed here and unsealed only for the SIP
// service (`loadTrunkConfigs`): what the API reads says whether one is set, never what it is.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Codec, RedirectionHeader, Trunk, TrunkKind } from '../../common/api/trunks';
import type { OfficeDb } from '../db/database';
import type { TrunkTable } from '../db/schema';
import type { SecretBox } from '../secrets/secret-box';
import { notFound } from '../errors';
import { isoAt } from '../time';
import { deleteById } from './delete-by-id';

/** A trunk as stored, less its live status (which the SIP service keeps). */
export type TrunkSettings = Omit<Trunk, 'status'>;

/** Everything a trunk is set to, checked and complete: what a write stores. */
export interface TrunkValues extends Omit<
  TrunkSettings,
  'id' | 'kind' | 'registration' | 'createdAt' | 'updatedAt'
> {
  registration: {
    username: string;
    authUsername: string | null;
    domain: string | null;
    expires: number;
  } | null;
  /** A new password to seal; null keeps the one stored (or none, on an IP trunk). */
  password: string | null;
}

/** What the SIP service runs a trunk with: its settings, its password and its Contact's user part. */
export interface TrunkConfig extends TrunkSettings {
  password: string | null;
  contactUser: string;
}

const toSettings = (row: TrunkTable): TrunkSettings => ({
  id: row.id,
  kind: row.kind,
  name: row.name,
  enabled: row.enabled === 1,
  host: row.host,
  port: row.port,
  transport: row.transport,
  codecs: JSON.parse(row.codecs_json) as Codec[],
  dtmfMode: row.dtmf_mode,
  numberFormat: row.number_format,
  callerIdHeader: row.caller_id_header,
  privacy: row.privacy === 1,
  redirectionHeaders: JSON.parse(row.redirection_json) as RedirectionHeader[],
  maxChannels: row.max_channels,
  order: row.failover_order,
  addresses: JSON.parse(row.addresses_json) as string[],
  registration:
    row.kind === 'registration' && row.username !== null
      ? {
          username: row.username,
          authUsername: row.auth_username,
          domain: row.domain,
          expires: row.register_expires ?? 600,
          passwordSet: row.password_sealed !== null,
        }
      : null,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** In failover order (then by name): the order calls out try them. */
const ordered = (db: OfficeDb) =>
  db.selectFrom('trunks').selectAll().orderBy('failover_order').orderBy('name');

export async function listTrunks(db: OfficeDb): Promise<TrunkSettings[]> {
  return (await ordered(db).execute()).map(toSettings);
}

export async function getTrunk(db: OfficeDb, id: string): Promise<TrunkSettings> {
  const row = await db.selectFrom('trunks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Trunk');
  return toSettings(row);
}

/** Every trunk with its password unsealed, for the SIP service. */
export async function loadTrunkConfigs(db: OfficeDb, secrets: SecretBox): Promise<TrunkConfig[]> {
  return (await ordered(db).execute()).map((row) => ({
    ...toSettings(row),
    password: row.password_sealed === null ? null : secrets.unseal(row.password_sealed),
    contactUser: row.contact_user,
  }));
}

/** The columns of the values; the password only when a new one is given. */
function columns(values: TrunkValues, secrets: SecretBox) {
  const registration = values.registration;
  return {
    name: values.name,
    enabled: values.enabled ? (1 as const) : (0 as const),
    host: values.host,
    port: values.port,
    transport: values.transport,
    codecs_json: JSON.stringify(values.codecs),
    dtmf_mode: values.dtmfMode,
    number_format: values.numberFormat,
    caller_id_header: values.callerIdHeader,
    privacy: values.privacy ? (1 as const) : (0 as const),
    redirection_json: JSON.stringify(values.redirectionHeaders),
    max_channels: values.maxChannels,
    failover_order: values.order,
    addresses_json: JSON.stringify(values.addresses),
    username: registration?.username ?? null,
    auth_username: registration?.authUsername ?? null,
    domain: registration?.domain ?? null,
    register_expires: registration?.expires ?? null,
    ...(values.password !== null && { password_sealed: secrets.seal(values.password) }),
  };
}

export async function insertTrunk(
  db: OfficeDb,
  secrets: SecretBox,
  kind: TrunkKind,
  values: TrunkValues,
  now: number,
): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('trunks')
    .values({
      id,
      kind,
      password_sealed: null,
      ...columns(values, secrets),
      // Unguessable: a call to this Contact claims to come through the trunk.
      contact_user: `trunk-${randomBytes(12).toString('hex')}`,
      created_at: isoAt(now),
      updated_at: isoAt(now),
    })
    .execute();
  return id;
}

export async function updateTrunk(
  db: OfficeDb,
  secrets: SecretBox,
  id: string,
  values: TrunkValues,
  now: number,
): Promise<void> {
  const result = await db
    .updateTable('trunks')
    .set({ ...columns(values, secrets), updated_at: isoAt(now) })
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw notFound('Trunk');
}

export async function removeTrunk(db: OfficeDb, id: string): Promise<void> {
  await deleteById(db, 'trunks', id, 'Trunk');
}
