// SIP trunks to carriers, and the company's main number. A trunk's carrier password is sealed
// with the office's SecretBox (never plaintext); lists (codecs, addresses, redirection headers)
// are JSON text. The main number is one of the office's numbers, marked on its row: at most one
// is, which a partial unique index holds on both databases.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('trunks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('port', 'integer')
    .addColumn('transport', 'text', (c) => c.notNull())
    .addColumn('codecs_json', 'text', (c) => c.notNull())
    .addColumn('dtmf_mode', 'text', (c) => c.notNull())
    .addColumn('number_format', 'text', (c) => c.notNull())
    .addColumn('caller_id_header', 'text', (c) => c.notNull())
    .addColumn('privacy', 'integer', (c) => c.notNull())
    .addColumn('redirection_json', 'text', (c) => c.notNull())
    .addColumn('max_channels', 'integer', (c) => c.notNull())
    .addColumn('failover_order', 'integer', (c) => c.notNull())
    .addColumn('addresses_json', 'text', (c) => c.notNull())
    .addColumn('username', 'text')
    .addColumn('auth_username', 'text')
    .addColumn('domain', 'text')
    .addColumn('register_expires', 'integer')
    .addColumn('password_sealed', 'text')
    .addColumn('contact_user', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .alterTable('phone_numbers')
    .addColumn('is_main', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('phone_numbers_one_main')
    .on('phone_numbers')
    .column('is_main')
    .unique()
    .where(sql.ref('is_main'), '=', 1)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('phone_numbers_one_main').execute();
  await db.schema.alterTable('phone_numbers').dropColumn('is_main').execute();
  await db.schema.dropTable('trunks').execute();
}
