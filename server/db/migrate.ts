import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import type { SecretBox } from '../secrets/secret-box';
import * as m0001 from './migrations/0001_directory';
import * as m0002 from './migrations/0002_recovery_and_usage';
import * as m0003 from './migrations/0003_call_totals_daily';
import * as m0004 from './migrations/0004_sealed_sip_passwords';
import { outboxSecrets } from './migrations/0005_outbox_secrets';
import * as m0006 from './migrations/0006_session_limits';
import * as m0007 from './migrations/0007_voicemail_api';
import * as m0008 from './migrations/0008_company_locale';
import * as m0009 from './migrations/0009_known_devices';
import * as m0010 from './migrations/0010_sip_registrations';
import * as m0011 from './migrations/0011_desk_phone_provisioning';
import * as m0012 from './migrations/0012_call_faults';
import * as m0013 from './migrations/0013_session_end_reason';
import * as m0014 from './migrations/0014_softphone_labels';
import * as m0015 from './migrations/0015_call_transfers';
import * as m0016 from './migrations/0016_trunks';
import * as m0017 from './migrations/0017_ring_groups';
import * as m0018 from './migrations/0018_receptionists';
import * as m0019 from './migrations/0019_conferences';
import * as m0020 from './migrations/0020_music_on_hold';
import * as m0021 from './migrations/0021_numbering_plan';
import * as m0022 from './migrations/0022_outbound_calls';
import * as m0023 from './migrations/0023_receptionist_music';

/**
 * Every migration, in order. A new one is a new numbered file added here; those that seal
 * existing rows get the office's secret box.
 */
export function migrations(secrets: SecretBox): Record<string, Migration> {
  return {
    '0001_directory': m0001,
    '0002_recovery_and_usage': m0002,
    '0003_call_totals_daily': m0003,
    '0004_sealed_sip_passwords': m0004,
    '0005_outbox_secrets': outboxSecrets(secrets),
    '0006_session_limits': m0006,
    '0007_voicemail_api': m0007,
    '0008_company_locale': m0008,
    '0009_known_devices': m0009,
    '0010_sip_registrations': m0010,
    '0011_desk_phone_provisioning': m0011,
    '0012_call_faults': m0012,
    '0013_session_end_reason': m0013,
    '0014_softphone_labels': m0014,
    '0015_call_transfers': m0015,
    '0016_trunks': m0016,
    '0017_ring_groups': m0017,
    '0018_receptionists': m0018,
    '0019_conferences': m0019,
    '0020_music_on_hold': m0020,
    '0021_numbering_plan': m0021,
    '0022_outbound_calls': m0022,
    '0023_receptionist_music': m0023,
  };
}

export function migrator(db: Kysely<unknown>, secrets: SecretBox): Migrator {
  const all = migrations(secrets);
  return new Migrator({ db, provider: { getMigrations: async () => all } });
}

function throwOnFailure(result: MigrationResultSet): void {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
}

export async function migrateToLatest(db: Kysely<unknown>, secrets: SecretBox): Promise<void> {
  throwOnFailure(await migrator(db, secrets).migrateToLatest());
}

export async function migrateTo(db: Kysely<unknown>, name: string, secrets: SecretBox): Promise<void> {
  throwOnFailure(await migrator(db, secrets).migrateTo(name));
}
