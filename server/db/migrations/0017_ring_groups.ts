// Ring groups: an extension of the office that rings several colleagues' extensions, all at
// once, in order (hunt) or round robin. The group owns an ordinary extension row (no user), so
// its number is unique among all extensions and it has a voicemail box of its own, the default
// overflow. Each call records which member answered it.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ring_groups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('extension_id', 'text', (c) =>
      c.notNull().unique().references('extensions.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('strategy', 'text', (c) => c.notNull())
    .addColumn('member_ring_seconds', 'integer', (c) => c.notNull())
    .addColumn('group_ring_seconds', 'integer', (c) => c.notNull())
    .addColumn('skip_busy', 'integer', (c) => c.notNull())
    .addColumn('overflow_type', 'text', (c) => c.notNull())
    // An extension (a user's or another group's); null with overflow to the group's own voicemail.
    .addColumn('overflow_extension_id', 'text', (c) => c.references('extensions.id').onDelete('set null'))
    // Round robin starts after the member who last answered.
    .addColumn('last_answered_extension_id', 'text', (c) =>
      c.references('extensions.id').onDelete('set null'),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('ring_group_members')
    .addColumn('ring_group_id', 'text', (c) => c.notNull().references('ring_groups.id').onDelete('cascade'))
    .addColumn('extension_id', 'text', (c) => c.notNull().references('extensions.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('logged_in', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ring_group_members_pk', ['ring_group_id', 'extension_id'])
    .execute();
  await db.schema
    .createIndex('ring_group_members_extension')
    .on('ring_group_members')
    .column('extension_id')
    .execute();
  await db.schema.alterTable('calls').addColumn('answered_by_number', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('calls').dropColumn('answered_by_number').execute();
  await db.schema.dropTable('ring_group_members').execute();
  await db.schema.dropTable('ring_groups').execute();
}
