// The outbox stops keeping readable secrets: the text admins see has them redacted, the text to
// deliver is sealed with the office's secret key (outside the database) until it is delivered.
// Each mail also records its kind and its recipient's user id, so admins see only mail of users
// they may manage.
import { sql, type Kysely, type Migration } from 'kysely';
import type { SecretBox } from '../../secrets/secret-box';

/** Mail written before this migration: which parts were secret cannot be told from the text. */
export const LEGACY_BODY_REMOVED = '••• (written before secrets were kept apart)';

interface LegacyRow {
  id: string;
  subject: string;
  body: string;
  status: string;
}

export function outboxSecrets(secrets: SecretBox): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('mail_outbox').addColumn('kind', 'text').execute();
      await db.schema.alterTable('mail_outbox').addColumn('user_id', 'text').execute();
      await db.schema.alterTable('mail_outbox').addColumn('sealed', 'text').execute();
      await sql`update mail_outbox set user_id =
        (select users.id from users where users.email = mail_outbox.to_address)`.execute(db);
      const rows = (await sql<LegacyRow>`select id, subject, body, status from mail_outbox`.execute(db)).rows;
      // Delivered mail loses its text; mail still to deliver keeps it, sealed.
      for (const row of rows) {
        const sealed =
          row.status === 'sent'
            ? null
            : secrets.seal(JSON.stringify({ subject: row.subject, body: row.body }));
        await sql`update mail_outbox set body = ${LEGACY_BODY_REMOVED}, sealed = ${sealed}
          where id = ${row.id}`.execute(db);
      }
    },
    async down(db: Kysely<unknown>): Promise<void> {
      // The readable text is not put back: that is the hole this migration closes.
      await db.schema.alterTable('mail_outbox').dropColumn('sealed').execute();
      await db.schema.alterTable('mail_outbox').dropColumn('user_id').execute();
      await db.schema.alterTable('mail_outbox').dropColumn('kind').execute();
    },
  };
}
