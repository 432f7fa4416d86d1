// Desk-phone provisioning: each provisioned desk phone's own provisioning credential (its
// username, and the digest hash of its password sealed, never the password), how it reaches the
// SIP service, the colleagues on its BLF keys, and its last fetch. The company's time zone, which
// the phones' clocks follow, is 0008_company_locale's.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('devices').addColumn('provisioning_username', 'text').execute();
  // Unique where set (both databases let several rows hold null).
  await db.schema
    .createIndex('devices_provisioning_username')
    .on('devices')
    .column('provisioning_username')
    .unique()
    .execute();
  await db.schema.alterTable('devices').addColumn('provisioning_secret_sealed', 'text').execute();
  await db.schema
    .alterTable('devices')
    .addColumn('sip_transport', 'text', (c) => c.notNull().defaultTo('udp'))
    .execute();
  for (const column of ['last_fetch_at', 'last_fetch_address', 'last_fetch_file', 'last_fetch_user_agent'])
    await db.schema.alterTable('devices').addColumn(column, 'text').execute();
  await db.schema
    .createTable('device_blf_keys')
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('extension_id', 'text', (c) => c.notNull().references('extensions.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('device_blf_keys_pk', ['device_id', 'position'])
    .addUniqueConstraint('device_blf_keys_once', ['device_id', 'extension_id'])
    .execute();
  // Which phones watch an extension: asked whenever that extension's name or number changes.
  await db.schema
    .createIndex('device_blf_keys_extension')
    .on('device_blf_keys')
    .column('extension_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('device_blf_keys').execute();
  for (const column of [
    'last_fetch_user_agent',
    'last_fetch_file',
    'last_fetch_address',
    'last_fetch_at',
    'sip_transport',
    'provisioning_secret_sealed',
  ])
    await db.schema.alterTable('devices').dropColumn(column).execute();
  await db.schema.dropIndex('devices_provisioning_username').execute();
  await db.schema.alterTable('devices').dropColumn('provisioning_username').execute();
}
