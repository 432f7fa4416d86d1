import { randomBytes } from 'node:crypto';
import type { OfficeDb } from './database';

/** A random key kept in the database, made on first use (token signing, SIP nonces). */
export async function serverSecret(db: OfficeDb, name: string): Promise<string> {
  const existing = await db
    .selectFrom('server_secrets')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirst();
  if (existing) return existing.value;
  await db
    .insertInto('server_secrets')
    .values({ name, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return (
    await db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow()
  ).value;
}
