// Super admins add, change and remove trunks. Every setting is checked here, at the boundary,
// with the field it concerns: hosts and addresses read exactly and their names resolved when
// saved, codecs that can carry a call, DTMF the codecs can carry. Each write is one transaction
// with its audit entry (the password never in it), and the SIP service hears of it after commit.
import {
  TRUNK_DEFAULTS,
  type CreateTrunk,
  type TrunkKind,
  type UpdateTrunk,
} from '../../../common/api/trunks';
import type { OfficeDb } from '../../db/database';
import { isUniqueViolation } from '../../db/database';
import type { DirectoryEvents } from '../../directory/events';
import { writeAudit } from '../../directory/audit';
import {
  getTrunk,
  insertTrunk,
  removeTrunk,
  updateTrunk,
  type TrunkSettings,
  type TrunkValues,
} from '../../directory/trunks';
import type { SecretBox } from '../../secrets/secret-box';
import type { AdminActor } from '../../accounts/authority';
import type { ServerConfig } from '../../config';
import { OfficeError } from '../../errors';
import type { Clock } from '../../time';
import { AddressError, checkTrunkHost, parseTrunkAddress } from './addresses';
import type { Resolver } from './resolve';

export interface TrunkAdminServices {
  db: OfficeDb;
  clock: Clock;
  secrets: SecretBox;
  events: DirectoryEvents;
  config: Pick<ServerConfig, 'sipTls'>;
  /** Resolves the host names an admin gives, when they save them. */
  resolveHost: Resolver;
}

/** What a trunk is set to when the admin says nothing. */
const { registrationExpires: DEFAULT_EXPIRES, ...DEFAULTS } = TRUNK_DEFAULTS;

const invalid = (field: string, message: string) => new OfficeError(400, 'invalid_field', message, field);

export function assertMayManageTrunks(actor: Pick<AdminActor, 'role'>): void {
  if (actor.role !== 'superadmin')
    throw new OfficeError(403, 'forbidden', 'Only a super admin can manage trunks');
}

/** A host name that resolves now; an IP address as it is. */
async function checkResolves(services: TrunkAdminServices, text: string, field: string): Promise<void> {
  let entry;
  try {
    entry = field === 'body.host' ? checkTrunkHost(text) : parseTrunkAddress(text);
  } catch (error) {
    if (error instanceof AddressError) throw invalid(field, error.message);
    throw error;
  }
  if (entry.kind !== 'name') return;
  try {
    const found = await services.resolveHost(entry.name);
    if (found.length === 0) throw new Error('no address');
  } catch (error) {
    throw invalid(field, `${text} does not resolve to an address (${(error as Error).message})`);
  }
}

/** The checked, complete values of a write: the trunk as it is (or the defaults) and the change. */
async function trunkValues(
  services: TrunkAdminServices,
  kind: TrunkKind,
  current: TrunkSettings | null,
  change: CreateTrunk | UpdateTrunk,
): Promise<TrunkValues> {
  const base = current ?? { ...DEFAULTS, name: '', host: '' };
  const pick = <K extends keyof typeof base>(key: K) =>
    (change[key as keyof typeof change] ?? base[key]) as (typeof base)[K];
  const port = change.port === undefined ? base.port : change.port;
  const values = {
    name: pick('name').trim(),
    enabled: pick('enabled'),
    host: pick('host').toLowerCase(),
    port,
    transport: pick('transport'),
    codecs: [...pick('codecs')],
    dtmfMode: pick('dtmfMode'),
    numberFormat: pick('numberFormat'),
    callerIdHeader: pick('callerIdHeader'),
    privacy: pick('privacy'),
    redirectionHeaders: [...pick('redirectionHeaders')],
    maxChannels: pick('maxChannels'),
    order: pick('order'),
    addresses: [...pick('addresses')],
  };
  if (!values.codecs.some((codec) => codec !== 'telephone-event'))
    throw invalid('body.codecs', 'Give at least one audio codec: telephone-event alone carries no voice');
  if (values.dtmfMode === 'rfc4733' && !values.codecs.includes('telephone-event'))
    throw invalid('body.codecs', 'RFC 4733 DTMF is sent as telephone-event: add it to the codecs');
  if (values.transport === 'TLS' && !services.config.sipTls)
    throw invalid(
      'body.transport',
      'This office has no SIP TLS certificate (--sip-tls-cert): it cannot reach a carrier over TLS',
    );
  await checkResolves(services, values.host, 'body.host');
  for (const [index, address] of values.addresses.entries())
    await checkResolves(services, address, `body.addresses.${index}`);

  if (kind === 'ip') {
    if (change.registration !== undefined)
      throw invalid('body.registration', 'An IP trunk does not register: it has no username or password');
    if (values.addresses.length === 0)
      throw invalid('body.addresses', 'An IP trunk needs the carrier’s addresses, at least one');
    return { ...values, registration: null, password: null };
  }
  const given = change.registration;
  const before = current?.registration ?? null;
  if (!before && !given)
    throw new OfficeError(
      400,
      'missing_field',
      'A registration trunk needs a username and password',
      'body.registration',
    );
  if (!before && given?.password === undefined)
    throw new OfficeError(
      400,
      'missing_field',
      'A registration trunk needs the carrier’s password',
      'body.registration.password',
    );
  const username = given?.username ?? before?.username;
  if (username === undefined)
    throw new OfficeError(
      400,
      'missing_field',
      'A registration trunk needs a username',
      'body.registration.username',
    );
  const domain = given?.domain === undefined ? (before?.domain ?? null) : given.domain;
  if (domain !== null) {
    try {
      checkTrunkHost(domain);
    } catch (error) {
      throw invalid('body.registration.domain', (error as Error).message);
    }
  }
  return {
    ...values,
    registration: {
      username,
      authUsername: given?.authUsername === undefined ? (before?.authUsername ?? null) : given.authUsername,
      domain: domain?.toLowerCase() ?? null,
      expires: given?.expires ?? before?.expires ?? DEFAULT_EXPIRES,
    },
    password: given?.password ?? null,
  };
}

/** What the audit keeps of a write: all of it but the password, which only says it changed. */
function auditDetails(change: CreateTrunk | UpdateTrunk): Record<string, unknown> {
  if (!change.registration) return { ...change };
  const { password, ...registration } = change.registration;
  return {
    ...change,
    registration: { ...registration, ...(password !== undefined && { passwordChanged: true }) },
  };
}

async function inTransaction<T>(
  services: TrunkAdminServices,
  work: (trx: OfficeDb, now: number) => Promise<T>,
) {
  try {
    return await services.db.transaction().execute((trx) => work(trx, services.clock()));
  } catch (error) {
    if (isUniqueViolation(error))
      throw new OfficeError(409, 'name_taken', 'Another trunk has that name', 'body.name');
    throw error;
  }
}

export async function createTrunk(
  services: TrunkAdminServices,
  actor: AdminActor,
  body: CreateTrunk,
): Promise<string> {
  assertMayManageTrunks(actor);
  const values = await trunkValues(services, body.kind, null, body);
  const id = await inTransaction(services, async (trx, now) => {
    const created = await insertTrunk(trx, services.secrets, body.kind, values, now);
    await writeAudit(trx, now, actor, 'trunk.created', { type: 'trunk', id: created }, auditDetails(body));
    return created;
  });
  services.events.emit('trunks-changed');
  return id;
}

export async function changeTrunk(
  services: TrunkAdminServices,
  actor: AdminActor,
  id: string,
  change: UpdateTrunk,
): Promise<void> {
  assertMayManageTrunks(actor);
  const current = await getTrunk(services.db, id);
  const values = await trunkValues(services, current.kind, current, change);
  await inTransaction(services, async (trx, now) => {
    await updateTrunk(trx, services.secrets, id, values, now);
    await writeAudit(trx, now, actor, 'trunk.updated', { type: 'trunk', id }, auditDetails(change));
  });
  services.events.emit('trunks-changed');
}

export async function deleteTrunk(
  services: TrunkAdminServices,
  actor: AdminActor,
  id: string,
): Promise<void> {
  assertMayManageTrunks(actor);
  await inTransaction(services, async (trx, now) => {
    const { name } = await getTrunk(trx, id);
    await removeTrunk(trx, id);
    await writeAudit(trx, now, actor, 'trunk.deleted', { type: 'trunk', id }, { name });
  });
  services.events.emit('trunks-changed');
}
