import { recordCall, type FinishedCall } from '../directory/call-log';
import type { Office } from '../office';

/** Writes a finished call and pushes it to the apps of everyone who missed it. */
export async function recordCallAndNotify(office: Office, call: FinishedCall): Promise<void> {
  const recorded = await recordCall(office.db, call);
  for (const { userId, entry } of recorded.entries)
    if (entry.direction === 'incoming' && entry.result === 'missed')
      office.push.publish(userId, { type: 'missed-call', call: entry });
}
