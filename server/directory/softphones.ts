import type { OfficeDb } from '../db/database';
import { notFound } from '../errors';

/** A user's own softphone (their first, when several): its SIP credentials and extension. */
export async function findSoftphoneOf(db: OfficeDb, userId: string) {
  const device = await db
    .selectFrom('devices')
    .innerJoin('extensions', 'extensions.id', 'devices.extension_id')
    .select(['devices.sip_username', 'devices.sip_password_sealed', 'extensions.number'])
    .where('extensions.user_id', '=', userId)
    .where('devices.kind', '=', 'softphone')
    .orderBy('devices.created_at')
    .executeTakeFirst();
  if (!device) throw notFound('Softphone device');
  return device;
}
