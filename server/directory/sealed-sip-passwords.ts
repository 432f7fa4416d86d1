// Devices' SIP passwords at rest: sealed under the office's key, so a copied database alone
// yields no credentials (migration 0004 renamed the column; this seals the rows).
import type { OfficeDb } from '../db/database';
import { SECRET_KEY_ENV, SECRET_KEY_FILE, SecretBox, SecretBoxError } from '../secrets/secret-box';

/**
 * Run on every start, after the migrations: seals each SIP password still in plaintext (rows
 * from before migration 0004), and checks that one already sealed opens with this key, so an
 * office started on a database whose key was left behind says so at once instead of refusing
 * every phone. Returns how many rows it sealed; a second run seals none.
 */
export async function sealPlaintextSipPasswords(db: OfficeDb, secrets: SecretBox): Promise<number> {
  const rows = await db.selectFrom('devices').select(['id', 'sip_password_sealed']).execute();
  const sealedOne = rows.find((row) => SecretBox.isSealed(row.sip_password_sealed));
  if (sealedOne) {
    try {
      secrets.unseal(sealedOne.sip_password_sealed);
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      throw new Error(
        `The devices' SIP passwords were sealed with another key: restore ${SECRET_KEY_FILE} from the ` +
          `office's original data folder, or set ${SECRET_KEY_ENV} to that key`,
        { cause: error },
      );
    }
  }
  let sealed = 0;
  for (const row of rows) {
    if (SecretBox.isSealed(row.sip_password_sealed)) continue;
    // Only if unchanged: another office process on the same database may be sealing it too.
    const result = await db
      .updateTable('devices')
      .set({ sip_password_sealed: secrets.seal(row.sip_password_sealed) })
      .where('id', '=', row.id)
      .where('sip_password_sealed', '=', row.sip_password_sealed)
      .executeTakeFirst();
    sealed += Number(result.numUpdatedRows);
  }
  return sealed;
}
