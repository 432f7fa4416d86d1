// SIP state kept beyond a restart (migration 0010): registrations and event subscriptions
// (every package's). Written in batches by WriteBehind; read once, at start.
import type { Insertable, Selectable } from 'kysely';
import type { OfficeDb } from '../db/database';
import type { SipBindingTable, SipSubscriptionTable } from '../db/schema';
import type { Binding } from './registrar';
import type { TransportName } from './transports/transport';

/** Rows per statement: well under SQLite's limit on bound parameters. */
const BATCH = 500;

function batches<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += BATCH) out.push(rows.slice(i, i + BATCH));
  return out;
}

export type BindingRow = Insertable<SipBindingTable>;
export type SubscriptionRow = Insertable<SipSubscriptionTable>;

export function bindingRow(binding: Binding): BindingRow {
  return {
    id: binding.id,
    extension: binding.extension,
    sip_username: binding.sipUsername,
    contact: binding.contact,
    transport: binding.flow.transport,
    address: binding.flow.address,
    port: binding.flow.port,
    call_id: binding.callId,
    cseq: binding.cseq,
    instance: binding.instance,
    reg_id: binding.regId,
    registered_at: binding.registeredAt,
    expires_at: binding.expiresAt,
  };
}

export async function writeBindings(db: OfficeDb, puts: BindingRow[], removals: string[]): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const ids of batches(removals))
      await trx.deleteFrom('sip_bindings').where('id', 'in', ids).execute();
    for (const rows of batches(puts))
      await trx
        .insertInto('sip_bindings')
        .values(rows)
        .onConflict((conflict) =>
          conflict.column('id').doUpdateSet((eb) => ({
            contact: eb.ref('excluded.contact'),
            transport: eb.ref('excluded.transport'),
            address: eb.ref('excluded.address'),
            port: eb.ref('excluded.port'),
            call_id: eb.ref('excluded.call_id'),
            cseq: eb.ref('excluded.cseq'),
            registered_at: eb.ref('excluded.registered_at'),
            expires_at: eb.ref('excluded.expires_at'),
          })),
        )
        .execute();
  });
}

/**
 * The bindings a restart keeps: live ones over UDP, which need nothing but their address. A
 * stream binding's connection ended with the process that held it, and the office cannot open
 * one back to a phone (behind NAT, or listening on no port at all): such phones, RFC 5626 ones
 * included, register again when they see their connection close. The rest is deleted.
 */
export async function loadBindings(db: OfficeDb, now: number): Promise<Binding[]> {
  await db
    .deleteFrom('sip_bindings')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('transport', '!=', 'UDP')]))
    .execute();
  const rows = await db.selectFrom('sip_bindings').selectAll().execute();
  return rows.map((row) => ({
    id: row.id,
    extension: row.extension,
    sipUsername: row.sip_username,
    contact: row.contact,
    flow: { transport: 'UDP', address: row.address, port: row.port, connectionId: null },
    callId: row.call_id,
    cseq: Number(row.cseq),
    registeredAt: Number(row.registered_at),
    expiresAt: Number(row.expires_at),
    instance: row.instance,
    regId: row.reg_id,
  }));
}

export const subscriptionKey = (row: { call_id: string; local_tag: string }) =>
  `${row.call_id}\n${row.local_tag}`;

export async function writeSubscriptions(
  db: OfficeDb,
  puts: SubscriptionRow[],
  removals: string[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    for (const key of removals) {
      const [callId, localTag] = key.split('\n') as [string, string];
      await trx
        .deleteFrom('sip_subscriptions')
        .where('call_id', '=', callId)
        .where('local_tag', '=', localTag)
        .execute();
    }
    for (const rows of batches(puts))
      await trx
        .insertInto('sip_subscriptions')
        .values(rows)
        .onConflict((conflict) =>
          conflict.columns(['call_id', 'local_tag']).doUpdateSet((eb) => ({
            remote_target: eb.ref('excluded.remote_target'),
            local_seq: eb.ref('excluded.local_seq'),
            notified: eb.ref('excluded.notified'),
            transport: eb.ref('excluded.transport'),
            address: eb.ref('excluded.address'),
            port: eb.ref('excluded.port'),
            expires_at: eb.ref('excluded.expires_at'),
          })),
        )
        .execute();
  });
}

/** Live UDP subscriptions, as bindings are kept (see loadBindings); the rest is deleted. */
export async function loadSubscriptions(
  db: OfficeDb,
  now: number,
): Promise<Selectable<SipSubscriptionTable>[]> {
  await db
    .deleteFrom('sip_subscriptions')
    .where((eb) => eb.or([eb('expires_at', '<=', now), eb('transport', '!=', 'UDP')]))
    .execute();
  return db.selectFrom('sip_subscriptions').selectAll().execute();
}

export const isTransportName = (value: string): value is TransportName =>
  ['UDP', 'TCP', 'TLS', 'WS', 'WSS'].includes(value);
