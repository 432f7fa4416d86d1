// Seeding shared by the benchmarks: complete users written straight into an office database, in
// batches, as `createUser` would leave them.
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../server/accounts/passwords';
import { NEW_DEVICE_COLUMNS, newSipCredentials } from '../server/directory/devices';
import { initialPreferences } from '../server/directory/preferences';
import { sql } from 'kysely';
import type { OfficeDb } from '../server/db/database';
import { parseServerArgs } from '../server/config';
import { openOffice } from '../server/office';
import type { Office } from '../server/office-services';
import { silentLogger, type Logger } from '../server/logger';
import type { SecretBox } from '../server/secrets/secret-box';
import type {
  DeviceTable,
  ExtensionTable,
  PreferencesTable,
  UserTable,
  VoicemailBoxTable,
} from '../server/db/schema';

/** With BENCH_LOG set, a bench office says its warnings and errors on stderr. */
const stderrLogger: Logger = {
  info: () => undefined,
  warn: (details, message) => console.error(`office warning: ${message} ${JSON.stringify(details)}`),
  error: (details, message) => console.error(`office error: ${message} ${JSON.stringify(details)}`),
};

/** The super admin both benchmarks' offices start with. */
export const BENCH_ADMIN = { email: 'bench.admin@example.com', password: 'Granite-Orchard-Lamp-31' };

/**
 * Opens (creating) a SQLite office in `dataDir` for seeding. This connection alone skips fsync
 * (throwaway data); the server process opens the file afresh with its own settings.
 */
export async function openBenchOffice(
  dataDir: string,
  httpPort: number,
  sipDomain: string,
  /** 0 picks any port, but then `/me/softphone` has no WebSocket address to advertise. */
  sipWsPort = 0,
): Promise<Office> {
  // Through the command line's own parser, so the bench office gets every default the server would.
  const config = parseServerArgs([
    ...['--data-dir', dataDir, '--http-port', String(httpPort), '--sip-domain', sipDomain],
    ...[
      '--sip-ws-port',
      String(sipWsPort),
      '--sip-udp-port',
      '0',
      '--sip-tcp-port',
      '0',
      '--mail-from',
      'bench@example.com',
    ],
    ...['--admin-email', BENCH_ADMIN.email, '--admin-password', BENCH_ADMIN.password],
  ]);
  const office = await openOffice(config, { logger: process.env.BENCH_LOG ? stderrLogger : silentLogger });
  await sql`pragma synchronous = OFF`.execute(office.db);
  return office;
}

/** Rows per INSERT statement: well under SQLite's limit of bound variables per statement. */
export const BATCH = 500;

export interface SeededUser {
  id: string;
  name: string;
  extension: string;
  email: string;
  /** The credentials of the user's softphone (or desk phone, see `deskPhonesFrom`). */
  sipUsername: string;
  sipPassword: string;
}

export interface SeedOptions {
  count: number;
  /** Every user's portal password (hashed once for all). */
  password: string;
  /** The first user's e-mail address; the others are userN@example.com. */
  firstEmail: string;
  /** The first user's name; the others are "User NNNN". */
  firstName: string;
  /** Users from this index on get a desk phone instead of a softphone (its credentials as `sip…`). */
  deskPhonesFrom?: number;
}

export function chunks<T>(rows: T[], size = BATCH): T[][] {
  return Array.from({ length: Math.ceil(rows.length / size) }, (_, i) =>
    rows.slice(i * size, (i + 1) * size),
  );
}

/**
 * Users as `createUser` leaves them (extension 2000 onwards, voicemail box, softphone,
 * preferences), written in batches with one password hash for all: 1,000 scrypt hashes would
 * take a minute.
 */
export async function seedUsers(
  db: OfficeDb,
  secrets: SecretBox,
  options: SeedOptions,
): Promise<SeededUser[]> {
  const [passwordHash, pinHash] = await Promise.all([hashPassword(options.password), hashPassword('2468')]);
  const now = new Date().toISOString();
  const seeded: SeededUser[] = [];
  const users: UserTable[] = [];
  const extensions: ExtensionTable[] = [];
  const boxes: VoicemailBoxTable[] = [];
  const devices: DeviceTable[] = [];
  const preferences: PreferencesTable[] = [];
  for (let i = 0; i < options.count; i++) {
    const id = randomUUID();
    const extensionId = randomUUID();
    const extension = String(2000 + i);
    const name = i === 0 ? options.firstName : `User ${String(i).padStart(4, '0')}`;
    const email = i === 0 ? options.firstEmail : `user${i}@example.com`;
    const credentials = newSipCredentials(secrets);
    seeded.push({
      id,
      name,
      extension,
      email,
      sipUsername: credentials.columns.sip_username,
      sipPassword: credentials.password,
    });
    users.push({
      id,
      name,
      email,
      role: 'user',
      status: 'active',
      portal_access: 1,
      password_hash: passwordHash,
      // A user who must still change their password gets 403 from every /me route.
      must_change_password: 0,
      failed_login_count: 0,
      locked_until: null,
      user_group_id: null,
      language: null,
      created_at: now,
      updated_at: now,
    });
    extensions.push({
      id: extensionId,
      number: extension,
      caller_id_name: name,
      user_id: id,
      created_at: now,
    });
    boxes.push({
      id: randomUUID(),
      extension_id: extensionId,
      pin_hash: pinHash,
      greeting_file: null,
      notification_email: email,
      max_message_seconds: 180,
      created_at: now,
    });
    const desk = i >= (options.deskPhonesFrom ?? Infinity);
    devices.push({
      id: randomUUID(),
      kind: desk ? 'desk-phone' : 'softphone',
      // As the office makes it: no words of its own, the app names a device in the reader's
      // language (a softphone by its extension, a desk phone by its model).
      label: '',
      model: desk ? 'Bench desk phone' : 'Switchboard',
      mac: null,
      sip_digest_algorithms: null,
      ...credentials.columns,
      ...NEW_DEVICE_COLUMNS,
      extension_id: extensionId,
      created_at: now,
      updated_at: now,
    });
    preferences.push(initialPreferences(id, {}));
  }
  await db.transaction().execute(async (trx) => {
    for (const batch of chunks(users)) await trx.insertInto('users').values(batch).execute();
    for (const batch of chunks(extensions)) await trx.insertInto('extensions').values(batch).execute();
    for (const batch of chunks(boxes)) await trx.insertInto('voicemail_boxes').values(batch).execute();
    for (const batch of chunks(devices)) await trx.insertInto('devices').values(batch).execute();
    for (const batch of chunks(preferences)) await trx.insertInto('preferences').values(batch).execute();
  });
  return seeded;
}
