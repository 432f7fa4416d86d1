// The directory, accounts, call log, voicemail, audit log and mail outbox.
import type { Kysely } from 'kysely';

const TABLES = [
  'mail_outbox',
  'audit_log',
  'sessions',
  'call_log',
  'calls',
  'preferences',
  'phone_numbers',
  'devices',
  'voicemail_messages',
  'voicemail_boxes',
  'extensions',
  'users',
  'user_groups',
  'settings_templates',
  'email_templates',
  'server_secrets',
  'company',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('company')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('admin_contact_name', 'text', (c) => c.notNull())
    .addColumn('admin_contact_email', 'text', (c) => c.notNull())
    .addColumn('admin_contact_phone', 'text', (c) => c.notNull())
    .addColumn('min_password_length', 'integer', (c) => c.notNull())
    .addColumn('lockout_threshold', 'integer', (c) => c.notNull())
    .addColumn('lockout_minutes', 'integer', (c) => c.notNull())
    .addColumn('idle_session_timeout_minutes', 'integer', (c) => c.notNull())
    .addColumn('extension_length', 'integer', (c) => c.notNull())
    .addColumn('first_extension', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('server_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('settings_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('preferences_json', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('user_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('settings_template_id', 'text', (c) =>
      c.references('settings_templates.id').onDelete('set null'),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('portal_access', 'integer', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull())
    .addColumn('failed_login_count', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('user_group_id', 'text', (c) => c.references('user_groups.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_name_id').on('users').columns(['name', 'id']).execute();

  await db.schema
    .createTable('extensions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('caller_id_name', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.unique().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('voicemail_boxes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('extension_id', 'text', (c) =>
      c.notNull().unique().references('extensions.id').onDelete('cascade'),
    )
    .addColumn('pin_hash', 'text', (c) => c.notNull())
    .addColumn('greeting_file', 'text')
    .addColumn('notification_email', 'text')
    .addColumn('max_message_seconds', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('voicemail_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('box_id', 'text', (c) => c.notNull().references('voicemail_boxes.id').onDelete('cascade'))
    .addColumn('caller_number', 'text', (c) => c.notNull())
    .addColumn('caller_name', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('duration_seconds', 'integer', (c) => c.notNull())
    .addColumn('read', 'integer', (c) => c.notNull())
    .addColumn('audio_file', 'text', (c) => c.notNull())
    .addColumn('audio_type', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('voicemail_messages_box_received')
    .on('voicemail_messages')
    .columns(['box_id', 'received_at'])
    .execute();

  await db.schema
    .createTable('devices')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('mac', 'text', (c) => c.unique())
    .addColumn('sip_username', 'text', (c) => c.notNull().unique())
    .addColumn('sip_password', 'text', (c) => c.notNull())
    .addColumn('extension_id', 'text', (c) => c.references('extensions.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('devices_extension').on('devices').column('extension_id').execute();

  await db.schema
    .createTable('phone_numbers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('route_type', 'text', (c) => c.notNull())
    .addColumn('route_target', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('email_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('email_templates_kind_name', ['kind', 'name'])
    .execute();

  await db.schema
    .createTable('preferences')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('do_not_disturb', 'integer', (c) => c.notNull())
    .addColumn('forward_always_enabled', 'integer', (c) => c.notNull())
    .addColumn('forward_always_target', 'text')
    .addColumn('forward_busy_enabled', 'integer', (c) => c.notNull())
    .addColumn('forward_busy_target', 'text')
    .addColumn('forward_no_answer_enabled', 'integer', (c) => c.notNull())
    .addColumn('forward_no_answer_target', 'text')
    .addColumn('ring_timeout_seconds', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('calls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('caller_number', 'text', (c) => c.notNull())
    .addColumn('callee_number', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('duration_seconds', 'integer', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('calls_started').on('calls').columns(['started_at', 'id']).execute();

  await db.schema
    .createTable('call_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('other_number', 'text', (c) => c.notNull())
    .addColumn('other_name', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('answered_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('duration_seconds', 'integer', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull())
    .execute();
  // Keyset paging of one user's log, newest first.
  await db.schema
    .createIndex('call_log_user_started')
    .on('call_log')
    .columns(['user_id', 'started_at', 'id'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('refresh_hash', 'text', (c) => c.notNull())
    .addColumn('previous_refresh_hash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text')
    .addColumn('details_json', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_at').on('audit_log').columns(['at', 'id']).execute();

  await db.schema
    .createTable('mail_outbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema
    .createIndex('mail_outbox_created')
    .on('mail_outbox')
    .columns(['created_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) await db.schema.dropTable(table).ifExists().execute();
}
