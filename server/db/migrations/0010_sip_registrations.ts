// SIP state that must outlive a restart: registrations (bindings) and event subscriptions
// (message waiting, busy lamp fields), so a restart costs UDP phones nothing; and which digest algorithms the office
// challenges with, for the company and, where an admin says otherwise, for one device.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sip_bindings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('extension', 'text', (c) => c.notNull())
    .addColumn('sip_username', 'text', (c) => c.notNull())
    .addColumn('contact', 'text', (c) => c.notNull())
    /** Where the REGISTER came from: UDP, TCP, TLS, WS or WSS, the address and port. */
    .addColumn('transport', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('cseq', 'bigint', (c) => c.notNull())
    /** RFC 5626: the phone's +sip.instance and reg-id when it registered a flow. */
    .addColumn('instance', 'text')
    .addColumn('reg_id', 'integer')
    /** Milliseconds since the epoch: its last REGISTER (the console shows it), and its end. */
    .addColumn('registered_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sip_bindings_expires').on('sip_bindings').column('expires_at').execute();
  await db.schema
    .createTable('sip_subscriptions')
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('local_tag', 'text', (c) => c.notNull())
    .addColumn('remote_tag', 'text', (c) => c.notNull())
    /** The event package (`message-summary`, `dialog`), the watched extension and the device. */
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('resource', 'text', (c) => c.notNull())
    .addColumn('sip_username', 'text', (c) => c.notNull())
    /** What the package keeps about the subscription, as JSON (whose voicemail box, …). */
    .addColumn('watch', 'text', (c) => c.notNull())
    /** NOTIFYs sent so far: a dialog-info version must go on rising after a restart. */
    .addColumn('notified', 'bigint', (c) => c.notNull())
    /** The dialog as the office sends in it: its From, To, Request-URI and last CSeq. */
    .addColumn('local_uri', 'text', (c) => c.notNull())
    .addColumn('remote_uri', 'text', (c) => c.notNull())
    .addColumn('remote_target', 'text', (c) => c.notNull())
    .addColumn('local_seq', 'bigint', (c) => c.notNull())
    .addColumn('transport', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('sip_subscriptions_pk', ['call_id', 'local_tag'])
    .execute();
  await db.schema
    .alterTable('company')
    .addColumn('sip_digest_algorithms', 'text', (c) => c.notNull().defaultTo('md5'))
    .execute();
  // Null: the company's choice.
  await db.schema.alterTable('devices').addColumn('sip_digest_algorithms', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('devices').dropColumn('sip_digest_algorithms').execute();
  await db.schema.alterTable('company').dropColumn('sip_digest_algorithms').execute();
  await db.schema.dropTable('sip_subscriptions').execute();
  await db.schema.dropTable('sip_bindings').execute();
}
