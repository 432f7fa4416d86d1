// The numbering plan's ranges: the numbers each kind of extension (users, ring groups,
// receptionists, conference bridges) is taken from. A kind without a row follows the default
// range for the company's extension length (numbering-plan.ts), so an office of before keeps
// working; its extensions outside those ranges are listed for the admin to renumber. The users'
// range replaces the company's single "first extension".
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('extension_ranges')
    .addColumn('kind', 'text', (c) => c.primaryKey())
    .addColumn('first_number', 'text', (c) => c.notNull())
    .addColumn('last_number', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('company').dropColumn('first_extension').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  // Back to one first extension: 1 followed by zeros, as long as the extensions.
  await db.schema
    .alterTable('company')
    .addColumn('first_extension', 'text', (c) => c.notNull().defaultTo('100'))
    .execute();
  const company = db as Kysely<{ company: { extension_length: number; first_extension: string } }>;
  const rows = await company.selectFrom('company').select('extension_length').execute();
  for (const { extension_length } of rows)
    await company
      .updateTable('company')
      .set({ first_extension: '1'.padEnd(extension_length, '0') })
      .where('extension_length', '=', extension_length)
      .execute();
  await db.schema.dropTable('extension_ranges').execute();
}
