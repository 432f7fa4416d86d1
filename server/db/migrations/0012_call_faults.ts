// Calls name what went wrong beside their result (a phone's 488 or 503, no room to bridge a
// softphone and a desk phone), office-wide and in each party's log. And a callee's row of a call
// they never answered (voicemail took it, say) no longer carries the time the agent answered
// and a talk time: rows written so before are put right.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('calls').addColumn('fault', 'text').execute();
  await db.schema.alterTable('call_log').addColumn('fault', 'text').execute();
  await sql`update call_log set answered_at = null, duration_seconds = 0
    where direction = 'incoming' and result <> 'answered' and answered_at is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('call_log').dropColumn('fault').execute();
  await db.schema.alterTable('calls').dropColumn('fault').execute();
}
