import type { OfficeDb } from '../db/database';
import { recordCall, type FinishedCall } from '../directory/call-log';
import type { PushHub } from './hub';

/**
 * Writes a finished call and pushes each person's entry to their signed-in apps: a call log in
 * view shows it at once (answered on a desk phone too), and a missed one can be announced.
 */
export async function recordCallAndNotify(db: OfficeDb, push: PushHub, call: FinishedCall): Promise<void> {
  const recorded = await recordCall(db, call);
  for (const { userId, entry } of recorded.entries)
    push.publish(userId, { type: 'call-logged', call: entry });
}
