// Devices' SIP passwords are kept sealed (AES-256-GCM under the key outside the database, see
// server/secrets/secret-box.ts). The column is renamed so no code can read it as plaintext by
// mistake. A migration cannot reach the key, so the rows themselves are sealed right after
// migrating by sealPlaintextSipPasswords (server/directory/sealed-sip-passwords.ts), which
// openOffice runs on every start.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('devices').renameColumn('sip_password', 'sip_password_sealed').execute();
}

/** Back to the old name; passwords already sealed stay sealed (the key is not reachable here). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('devices').renameColumn('sip_password_sealed', 'sip_password').execute();
}
