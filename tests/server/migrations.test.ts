import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type OfficeDb } from '../../server/db/database';
import { migrations, migrateTo as migrateToWith, migrateToLatest, migrator } from '../../server/db/migrate';
import { LEGACY_BODY_REMOVED } from '../../server/db/migrations/0005_outbox_secrets';
import { SecretBox } from '../../server/secrets/secret-box';
import { silentLogger } from '../../server/logger';
import { sealPlaintextSipPasswords } from '../../server/directory/sealed-sip-passwords';
import { DATABASES, freshPostgresDatabase } from '../support/office';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function emptyDatabase(kind: 'sqlite' | 'postgres'): Promise<OfficeDb> {
  if (kind === 'postgres') {
    const pg = await freshPostgresDatabase();
    const { db } = openDatabase({ postgresUrl: pg.url }, silentLogger);
    cleanups.push(pg.drop, () => db.destroy());
    return db;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-migrate-'));
  const { db } = openDatabase({ sqliteFile: path.join(dir, 'office.sqlite') }, silentLogger);
  cleanups.push(
    () => rm(dir, { recursive: true, force: true }),
    () => db.destroy(),
  );
  return db;
}

const secrets = SecretBox.fromKey(randomBytes(32));
const migrateTo = (db: Kysely<unknown>, name: string) => migrateToWith(db, name, secrets);

async function tableNames(db: OfficeDb): Promise<string[]> {
  const tables = await db.introspection.getTables();
  return tables
    .map((t) => t.name)
    .filter((name) => !name.startsWith('kysely_'))
    .sort();
}

/** The company row as migrations before 0006 knew it. */
async function insertOldCompany(db: OfficeDb): Promise<void> {
  await (db as Kysely<any>)
    .insertInto('company')
    .values({
      id: 1,
      name: 'Old Office',
      address: '',
      admin_contact_name: '',
      admin_contact_email: '',
      admin_contact_phone: '',
      min_password_length: 10,
      lockout_threshold: 5,
      lockout_minutes: 15,
      idle_session_timeout_minutes: 60,
      extension_length: 3,
      first_extension: '100',
      updated_at: '2026-01-01T00:00:00.000Z',
    })
    .execute();
}

/** A user as every migration before 0007 knew users (`u1` unless told). */
async function insertOldUser(db: OfficeDb, id = 'u1'): Promise<void> {
  await (db as Kysely<any>)
    .insertInto('users')
    .values({
      id,
      name: `Old User ${id}`,
      email: `${id}@example.com`,
      role: 'user',
      status: 'active',
      portal_access: 1,
      password_hash: 'x',
      must_change_password: 0,
      failed_login_count: 0,
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    })
    .execute();
}

describe.each(DATABASES)('migrations on %s', (kind) => {
  it('0001_directory creates every table of the schema and removes them again', async () => {
    const db = await emptyDatabase(kind);
    await migrateTo(db as Kysely<unknown>, '0001_directory');
    expect(await tableNames(db)).toEqual(
      [
        'audit_log',
        'call_log',
        'calls',
        'company',
        'devices',
        'email_templates',
        'extensions',
        'mail_outbox',
        'phone_numbers',
        'preferences',
        'server_secrets',
        'sessions',
        'settings_templates',
        'user_groups',
        'users',
        'voicemail_boxes',
        'voicemail_messages',
      ].sort(),
    );
    const users = (await db.introspection.getTables()).find((t) => t.name === 'users');
    expect(users?.columns.map((c) => c.name)).toContain('portal_access');

    // Deleting a user cascades to their extension: foreign keys are enforced on both databases.
    const now = new Date().toISOString();
    await insertOldUser(db);
    await db
      .insertInto('extensions')
      .values({ id: 'e1', number: '100', caller_id_name: 'A', user_id: 'u1', created_at: now })
      .execute();
    await db.deleteFrom('users').where('id', '=', 'u1').execute();
    expect(await db.selectFrom('extensions').selectAll().execute()).toEqual([]);

    await migrator(db as Kysely<unknown>, secrets).migrateDown();
    expect(await tableNames(db)).toEqual([]);
  });

  it('0002_recovery_and_usage adds recovery codes and the usage indexes, and takes them away', async () => {
    const db = await emptyDatabase(kind);
    await migrateTo(db as Kysely<unknown>, '0002_recovery_and_usage');
    expect(await tableNames(db)).toContain('password_recoveries');
    const recoveries = (await db.introspection.getTables()).find((t) => t.name === 'password_recoveries');
    expect(recoveries?.columns.map((c) => c.name).sort()).toEqual(
      ['code_hash', 'created_at', 'expires_at', 'id', 'used_at', 'user_id'].sort(),
    );
    await migrateTo(db as Kysely<unknown>, '0001_directory');
    expect(await tableNames(db)).not.toContain('password_recoveries');
  });

  it('0003_call_totals_daily sums the calls already recorded, per day, office-wide and per extension', async () => {
    const db = await emptyDatabase(kind);
    await migrateTo(db as Kysely<unknown>, '0002_recovery_and_usage');
    const call = (
      id: string,
      startedAt: string,
      caller: string,
      callee: string,
      result: string,
      seconds: number,
    ) => ({
      id,
      caller_number: caller,
      callee_number: callee,
      started_at: startedAt,
      answered_at: null,
      ended_at: null,
      duration_seconds: seconds,
      result: result as 'answered',
    });
    await db
      .insertInto('calls')
      .values([
        call('c1', '2026-05-01T08:00:00.000Z', '101', '102', 'answered', 60),
        call('c2', '2026-05-01T09:00:00.000Z', '102', '101', 'answered', 30),
        call('c3', '2026-05-01T10:00:00.000Z', '101', '103', 'missed', 0),
        call('c4', '2026-05-02T10:00:00.000Z', '101', '101', 'answered', 10),
      ])
      .execute();
    await migrateTo(db as Kysely<unknown>, '0003_call_totals_daily');
    const rows = await db
      .selectFrom('call_totals_daily')
      .selectAll()
      .orderBy('day')
      .orderBy('number')
      .orderBy('result')
      .execute();
    expect(rows.map((r) => [r.day, r.number, r.result, Number(r.calls), Number(r.seconds)])).toEqual([
      ['2026-05-01', '', 'answered', 2, 90],
      ['2026-05-01', '', 'missed', 1, 0],
      ['2026-05-01', '101', 'answered', 2, 90],
      ['2026-05-01', '101', 'missed', 1, 0],
      ['2026-05-01', '102', 'answered', 2, 90],
      ['2026-05-01', '103', 'missed', 1, 0],
      ['2026-05-02', '', 'answered', 1, 10],
      ['2026-05-02', '101', 'answered', 1, 10],
    ]);
    await migrateTo(db as Kysely<unknown>, '0002_recovery_and_usage');
    expect(await tableNames(db)).not.toContain('call_totals_daily');
  });

  it('0004_sealed_sip_passwords renames the column, and the start seals the rows there once', async () => {
    const db = await emptyDatabase(kind);
    await migrateTo(db as Kysely<unknown>, '0003_call_totals_daily');
    const now = new Date().toISOString();
    const device = (id: string, password: string) => ({
      id,
      kind: 'desk-phone',
      label: '',
      model: 'Old phone',
      mac: null,
      sip_username: `user-${id}`,
      sip_password: password,
      extension_id: null,
      created_at: now,
      updated_at: now,
    });
    await (db as Kysely<any>)
      .insertInto('devices')
      .values([device('d1', 'plain-secret-one'), device('d2', 'plain-secret-two')])
      .execute();
    await migrateTo(db as Kysely<unknown>, '0004_sealed_sip_passwords');
    const stored = () =>
      db.selectFrom('devices').select(['id', 'sip_password_sealed']).orderBy('id').execute();
    expect((await stored()).map((r) => r.sip_password_sealed)).toEqual([
      'plain-secret-one',
      'plain-secret-two',
    ]);

    const secrets = SecretBox.fromKey(randomBytes(32));
    expect(await sealPlaintextSipPasswords(db, secrets)).toBe(2);
    const sealed = await stored();
    expect(sealed.map((r) => r.sip_password_sealed).join()).not.toContain('plain-secret');
    expect(sealed.map((r) => secrets.unseal(r.sip_password_sealed))).toEqual([
      'plain-secret-one',
      'plain-secret-two',
    ]);
    expect(await sealPlaintextSipPasswords(db, secrets)).toBe(0);
    expect(await stored()).toEqual(sealed);
    // Opened with another key, the office stops and says which key it needs.
    await expect(sealPlaintextSipPasswords(db, SecretBox.fromKey(randomBytes(32)))).rejects.toThrow(
      /sealed with another key: restore secret\.key .* or set SWITCHBOARD_SECRET_KEY/,
    );

    await migrateTo(db as Kysely<unknown>, '0003_call_totals_daily');
    const columns = (await db.introspection.getTables()).find((t) => t.name === 'devices')?.columns;
    expect(columns?.map((c) => c.name)).toContain('sip_password');
  });

  it('0005_outbox_secrets strips delivered mail of its text and seals what is still to deliver', async () => {
    const db = await emptyDatabase(kind);
    await migrateTo(db as Kysely<unknown>, '0003_call_totals_daily');
    const now = new Date().toISOString();
    await db
      .insertInto('users')
      .values({
        id: 'u1',
        name: 'Ada',
        email: 'ada@example.com',
        role: 'user',
        status: 'active',
        portal_access: 1,
        password_hash: 'x',
        must_change_password: 1,
        failed_login_count: 0,
        locked_until: null,
        user_group_id: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const mail = (id: string, to: string, status: 'queued' | 'sent' | 'failed', body: string) => ({
      id,
      to_address: to,
      subject: `Subject ${id}`,
      body,
      status,
      error: null,
      created_at: now,
      sent_at: null,
    });
    // Written before 0005: a row type without the new columns.
    await (db as unknown as Kysely<{ mail_outbox: ReturnType<typeof mail> }>)
      .insertInto('mail_outbox')
      .values([
        mail('m1', 'ada@example.com', 'sent', 'Temporary password: Sent-Secret-1'),
        mail('m2', 'ada@example.com', 'queued', 'Temporary password: Queued-Secret-2'),
        mail('m3', 'nobody@example.com', 'failed', 'use this code: FAILEDCODE33'),
      ])
      .execute();
    await migrateTo(db as Kysely<unknown>, '0005_outbox_secrets');
    const rows = await db.selectFrom('mail_outbox').selectAll().orderBy('id').execute();
    expect(rows.map((r) => [r.id, r.user_id, r.kind, r.body])).toEqual([
      ['m1', 'u1', null, LEGACY_BODY_REMOVED],
      ['m2', 'u1', null, LEGACY_BODY_REMOVED],
      ['m3', null, null, LEGACY_BODY_REMOVED],
    ]);
    expect(JSON.stringify(rows)).not.toMatch(/Secret-1|Secret-2|FAILEDCODE33/);
    expect(rows[0]?.sealed).toBeNull();
    expect(JSON.parse(secrets.unseal(rows[1]!.sealed!))).toEqual({
      subject: 'Subject m2',
      body: 'Temporary password: Queued-Secret-2',
    });
    expect(JSON.parse(secrets.unseal(rows[2]!.sealed!)).body).toBe('use this code: FAILEDCODE33');

    await migrateTo(db as Kysely<unknown>, '0003_call_totals_daily');
    const columns = (await db.introspection.getTables()).find((t) => t.name === 'mail_outbox')?.columns;
    expect(columns?.map((c) => c.name)).not.toContain('sealed');
  });

  it('0006_session_limits gives existing sessions and the company the new limits, and takes them back', async () => {
    const db = await emptyDatabase(kind);
    const names = Object.keys(migrations(secrets));
    const before = names[names.indexOf('0006_session_limits') - 1]!;
    await migrateTo(db as Kysely<unknown>, before);
    await insertOldCompany(db);
    await migrateTo(db as Kysely<unknown>, '0006_session_limits');
    const company = await db.selectFrom('company').selectAll().executeTakeFirstOrThrow();
    expect([company.admin_idle_timeout_minutes, company.remembered_session_days]).toEqual([15, 30]);
    const columns = async (table: string) =>
      (await db.introspection.getTables()).find((t) => t.name === table)!.columns.map((c) => c.name);
    expect(await columns('sessions')).toEqual(expect.arrayContaining(['remember', 'rotated_at']));
    await migrateTo(db as Kysely<unknown>, before);
    expect(await columns('sessions')).not.toContain('remember');
    expect(await columns('company')).not.toContain('admin_idle_timeout_minutes');
  });

  it('0007_voicemail_api adds idempotency keys and languages, existing users following the company', async () => {
    const db = await emptyDatabase(kind);
    await migrateTo(db as Kysely<unknown>, '0006_session_limits');
    await insertOldCompany(db);
    await insertOldUser(db);
    await migrateTo(db as Kysely<unknown>, '0007_voicemail_api');
    expect((await db.selectFrom('company').select('language').executeTakeFirstOrThrow()).language).toBe('en');
    expect((await db.selectFrom('users').select('language').executeTakeFirstOrThrow()).language).toBeNull();
    const key = {
      user_id: 'u1',
      key: 'k',
      fingerprint: 'DELETE x',
      status: 204,
      body: null,
      created_at: 'now',
    };
    await db.insertInto('idempotency_keys').values(key).execute();
    await expect(db.insertInto('idempotency_keys').values(key).execute()).rejects.toThrow();
    await db.deleteFrom('users').execute();
    expect(await db.selectFrom('idempotency_keys').selectAll().execute()).toEqual([]);
    await migrateTo(db as Kysely<unknown>, '0006_session_limits');
    expect(await tableNames(db)).not.toContain('idempotency_keys');
    const columns = async (table: string) =>
      (await db.introspection.getTables()).find((t) => t.name === table)!.columns.map((c) => c.name);
    expect(await columns('users')).not.toContain('language');
    expect(await columns('company')).not.toContain('language');
  });

  it('0008_company_locale gives the company no country and UTC, and takes them back', async () => {
    const db = await emptyDatabase(kind);
    await migrateTo(db as Kysely<unknown>, '0007_voicemail_api');
    await insertOldCompany(db);
    await migrateTo(db as Kysely<unknown>, '0008_company_locale');
    const company = await db.selectFrom('company').selectAll().executeTakeFirstOrThrow();
    expect([company.country, company.time_zone]).toEqual(['', 'UTC']);
    await migrateTo(db as Kysely<unknown>, '0007_voicemail_api');
    const columns = (await db.introspection.getTables()).find((t) => t.name === 'company')!.columns;
    expect(columns.map((c) => c.name)).not.toContain('country');
    expect(columns.map((c) => c.name)).not.toContain('time_zone');
  });

  it('0009_known_devices keeps known devices and failed sign-ins per user, gone with the user', async () => {
    const db = await emptyDatabase(kind);
    const names = Object.keys(migrations(secrets));
    const before = names[names.indexOf('0009_known_devices') - 1]!;
    await migrateTo(db as Kysely<unknown>, before);
    await insertOldCompany(db);
    await insertOldUser(db);
    await migrateTo(db as Kysely<unknown>, '0009_known_devices');
    const device = { user_id: 'u1', token_hash: 'h', created_at: 'now', last_used_at: 'now' };
    // The count starts at 0 by itself.
    await (db as Kysely<any>)
      .insertInto('known_devices')
      .values({ id: 'd1', ...device })
      .execute();
    expect((await db.selectFrom('known_devices').selectAll().executeTakeFirstOrThrow()).failed_count).toBe(0);
    // A token is one device's only.
    await expect(
      db
        .insertInto('known_devices')
        .values({ id: 'd2', ...device, failed_count: 0 })
        .execute(),
    ).rejects.toThrow();
    await db
      .insertInto('failed_sign_ins')
      .values({ id: 'f1', user_id: 'u1', address: '203.0.113.5', at: 'now' })
      .execute();
    await db.deleteFrom('users').execute();
    expect(await db.selectFrom('known_devices').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('failed_sign_ins').selectAll().execute()).toEqual([]);
    await migrateTo(db as Kysely<unknown>, before);
    expect(await tableNames(db)).not.toContain('known_devices');
    expect(await tableNames(db)).not.toContain('failed_sign_ins');
  });

  it('0010_sip_registrations keeps bindings and subscriptions of every package with 64-bit times, MD5 for the company, no choice per device, and takes them back', async () => {
    const db = await emptyDatabase(kind);
    const names = Object.keys(migrations(secrets));
    const before = names[names.indexOf('0010_sip_registrations') - 1]!;
    await migrateTo(db as Kysely<unknown>, before);
    await insertOldCompany(db);
    await migrateTo(db as Kysely<unknown>, '0010_sip_registrations');
    expect(
      (await db.selectFrom('company').select('sip_digest_algorithms').executeTakeFirstOrThrow())
        .sip_digest_algorithms,
    ).toBe('md5');
    const expiresAt = Date.UTC(2026, 11, 7, 12); // past 2^31: a 32-bit column would not hold it
    await db
      .insertInto('sip_bindings')
      .values({
        id: 'b1',
        extension: '100',
        sip_username: 'd1',
        contact: 'sip:100@192.0.2.9:5060',
        transport: 'UDP',
        address: '192.0.2.9',
        port: 5060,
        call_id: 'c',
        cseq: 4_000_000_000,
        instance: null,
        reg_id: null,
        registered_at: expiresAt - 600_000,
        expires_at: expiresAt,
      })
      .execute();
    const row = await db.selectFrom('sip_bindings').selectAll().executeTakeFirstOrThrow();
    expect([Number(row.registered_at), Number(row.expires_at), Number(row.cseq)]).toEqual([
      expiresAt - 600_000,
      expiresAt,
      4_000_000_000,
    ]);
    // A subscription of any package, one per dialog (Call-ID and the office's tag).
    const subscription = {
      call_id: 'c',
      local_tag: 'ours',
      remote_tag: 'theirs',
      event: 'dialog',
      resource: '101',
      sip_username: 'd1',
      watch: 'null',
      notified: 3,
      local_uri: '<sip:101@switchboard.local>',
      remote_uri: '<sip:100@switchboard.local>',
      remote_target: 'sip:100@192.0.2.9:5060',
      local_seq: 4_000_000_000,
      transport: 'UDP',
      address: '192.0.2.9',
      port: 5060,
      expires_at: expiresAt,
    };
    await db.insertInto('sip_subscriptions').values(subscription).execute();
    await expect(
      db
        .insertInto('sip_subscriptions')
        .values({ ...subscription, event: 'message-summary' })
        .execute(),
    ).rejects.toThrow();
    const kept = await db.selectFrom('sip_subscriptions').selectAll().executeTakeFirstOrThrow();
    expect([kept.event, kept.watch, Number(kept.notified), Number(kept.local_seq)]).toEqual([
      'dialog',
      'null',
      3,
      4_000_000_000,
    ]);
    await migrateTo(db as Kysely<unknown>, before);
    expect(await tableNames(db)).not.toContain('sip_bindings');
    expect(await tableNames(db)).not.toContain('sip_subscriptions');
    const columns = async (table: string) =>
      (await db.introspection.getTables()).find((t) => t.name === table)!.columns.map((c) => c.name);
    expect(await columns('company')).not.toContain('sip_digest_algorithms');
    expect(await columns('devices')).not.toContain('sip_digest_algorithms');
  });

  it('0011_desk_phone_provisioning adds provisioning columns and BLF keys, and takes them away', async () => {
    const db = await emptyDatabase(kind);
    const names = Object.keys(migrations(secrets));
    const before = names[names.indexOf('0011_desk_phone_provisioning') - 1]!;
    await migrateTo(db as Kysely<unknown>, before);
    const old = db as Kysely<any>;
    await insertOldCompany(db);
    await old
      .insertInto('devices')
      .values({
        id: 'd1',
        kind: 'desk-phone',
        label: '',
        model: 'Old phone',
        mac: null,
        sip_username: 'u1',
        sip_password_sealed: 'x',
        extension_id: null,
        created_at: 'now',
        updated_at: 'now',
      })
      .execute();
    await old
      .insertInto('extensions')
      .values({ id: 'e1', number: '101', caller_id_name: '', user_id: null, created_at: 'now' })
      .execute();
    await migrateTo(db as Kysely<unknown>, '0011_desk_phone_provisioning');
    // Existing devices reach SIP over UDP and have no provisioning credential yet.
    expect(
      await db
        .selectFrom('devices')
        .select(['sip_transport', 'provisioning_username', 'last_fetch_at'])
        .executeTakeFirstOrThrow(),
    ).toEqual({
      sip_transport: 'udp',
      provisioning_username: null,
      last_fetch_at: null,
    });
    // A provisioning username is unique where set; several devices may have none.
    await old
      .insertInto('devices')
      .values({
        id: 'd2',
        kind: 'desk-phone',
        label: '',
        model: 'x',
        mac: null,
        sip_username: 'u2',
        sip_password_sealed: 'x',
        extension_id: null,
        created_at: 'now',
        updated_at: 'now',
      })
      .execute();
    await db.updateTable('devices').set({ provisioning_username: 'p1' }).where('id', '=', 'd1').execute();
    await expect(
      db.updateTable('devices').set({ provisioning_username: 'p1' }).where('id', '=', 'd2').execute(),
    ).rejects.toThrow();
    // A BLF key goes with its device and with its extension, and an extension is on a phone once.
    const key = { device_id: 'd1', position: 0, extension_id: 'e1' };
    await db.insertInto('device_blf_keys').values(key).execute();
    await expect(
      db
        .insertInto('device_blf_keys')
        .values({ ...key, position: 1 })
        .execute(),
    ).rejects.toThrow();
    await db.deleteFrom('extensions').execute();
    expect(await db.selectFrom('device_blf_keys').selectAll().execute()).toEqual([]);
    await migrateTo(db as Kysely<unknown>, before);
    expect(await tableNames(db)).not.toContain('device_blf_keys');
    const columns = async (table: string) =>
      (await db.introspection.getTables()).find((t) => t.name === table)!.columns.map((c) => c.name);
    expect(await columns('devices')).not.toContain('provisioning_username');
    expect(await columns('devices')).not.toContain('sip_transport');
    // The company's time zone, which the phones' clocks follow, is 0008's: it stays.
    expect(await columns('company')).toContain('time_zone');
  });

  it('0012_call_faults adds the fault, and takes voicemail’s answer time off the callee’s missed rows', async () => {
    const db = await emptyDatabase(kind);
    const names = Object.keys(migrations(secrets));
    const before = names[names.indexOf('0012_call_faults') - 1]!;
    await migrateTo(db as Kysely<unknown>, before);
    const old = db as Kysely<any>;
    await insertOldCompany(db);
    for (const id of ['u1', 'u2']) await insertOldUser(db, id);
    const times = {
      started_at: '2026-05-01T08:00:00.000Z',
      answered_at: '2026-05-01T08:00:20.000Z',
      ended_at: '2026-05-01T08:00:50.000Z',
      duration_seconds: 30,
    };
    await old
      .insertInto('calls')
      .values({ id: 'c1', caller_number: '101', callee_number: '102', ...times, result: 'voicemail' })
      .execute();
    const row = (id: string, user: string, direction: string, result: string) => ({
      id,
      call_id: 'c1',
      user_id: user,
      direction,
      other_number: direction === 'incoming' ? '101' : '102',
      other_name: null,
      ...times,
      result,
    });
    await old
      .insertInto('call_log')
      .values([
        row('l1', 'u1', 'outgoing', 'voicemail'),
        row('l2', 'u2', 'incoming', 'missed'),
        row('l3', 'u2', 'incoming', 'answered'),
      ])
      .execute();
    await migrateTo(db as Kysely<unknown>, '0012_call_faults');
    const rows = await db
      .selectFrom('call_log')
      .select(['id', 'answered_at', 'duration_seconds', 'fault'])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => [r.id, r.answered_at, Number(r.duration_seconds), r.fault])).toEqual([
      ['l1', times.answered_at, 30, null], // the caller was answered (by voicemail)
      ['l2', null, 0, null], // the callee never answered
      ['l3', times.answered_at, 30, null],
    ]);
    await db.updateTable('calls').set({ fault: 'media-not-acceptable' }).execute();
    await migrateTo(db as Kysely<unknown>, before);
    const columns = async (table: string) =>
      (await db.introspection.getTables()).find((t) => t.name === table)!.columns.map((c) => c.name);
    expect(await columns('calls')).not.toContain('fault');
    expect(await columns('call_log')).not.toContain('fault');
  });

  it('0013_session_end_reason keeps why a session ended, none for those ended before', async () => {
    const db = await emptyDatabase(kind);
    const names = Object.keys(migrations(secrets));
    const before = names[names.indexOf('0013_session_end_reason') - 1]!;
    await migrateTo(db as Kysely<unknown>, '0013_session_end_reason');
    const columns = async () =>
      (await db.introspection.getTables()).find((t) => t.name === 'sessions')!.columns.map((c) => c.name);
    expect(await columns()).toContain('end_reason');
    await migrateTo(db as Kysely<unknown>, before);
    expect(await columns()).not.toContain('end_reason');
  });

  it('0014_softphone_labels empties the labels the office wrote in English, and only those', async () => {
    const db = await emptyDatabase(kind);
    await migrateTo(db as Kysely<unknown>, '0013_session_end_reason');
    const old = db as Kysely<any>;
    const at = '2026-01-01T00:00:00.000Z';
    await old
      .insertInto('extensions')
      .values({ id: 'e1', number: '104', caller_id_name: 'Ana', user_id: null, created_at: at })
      .execute();
    const device = (id: string, kind: string, label: string) => ({
      id,
      kind,
      label,
      model: kind === 'softphone' ? 'Switchboard' : 'Yealink T54W',
      mac: null,
      sip_username: `sip-${id}`,
      sip_password_sealed: 'sealed',
      extension_id: 'e1',
      created_at: at,
      updated_at: at,
    });
    await old
      .insertInto('devices')
      .values([
        device('d1', 'softphone', 'Softphone of 104'),
        device('d2', 'softphone', 'Ana’s laptop'),
        device('d3', 'desk-phone', 'Softphone of 104'),
      ])
      .execute();
    const labels = async () =>
      (await old.selectFrom('devices').select(['id', 'label']).orderBy('id').execute()).map(
        (d: any) => d.label,
      );
    await migrateTo(db as Kysely<unknown>, '0014_softphone_labels');
    expect(await labels()).toEqual(['', 'Ana’s laptop', 'Softphone of 104']);
    await migrateTo(db as Kysely<unknown>, '0013_session_end_reason');
    expect(await labels()).toEqual(['Softphone of 104', 'Ana’s laptop', 'Softphone of 104']);
  });

  it('0016_trunks adds the trunks and one main number at most, and takes them away', async () => {
    const db = await emptyDatabase(kind);
    const names = Object.keys(migrations(secrets));
    const before = names[names.indexOf('0016_trunks') - 1]!;
    await migrateTo(db as Kysely<unknown>, before);
    const number = (id: string, value: string) =>
      (db as Kysely<any>)
        .insertInto('phone_numbers')
        .values({
          id,
          number: value,
          label: '',
          route_type: 'extension',
          route_target: '100',
          created_at: 'now',
        })
        .execute();
    await number('n1', '+34910000001');
    await number('n2', '+34910000002');
    await migrateTo(db as Kysely<unknown>, '0016_trunks');
    expect(await tableNames(db)).toContain('trunks');
    // Numbers from before are not the main number; one may become it, and no second one.
    expect((await db.selectFrom('phone_numbers').select('is_main').execute()).map((r) => r.is_main)).toEqual([
      0, 0,
    ]);
    await db.updateTable('phone_numbers').set({ is_main: 1 }).where('id', '=', 'n1').execute();
    await expect(
      db.updateTable('phone_numbers').set({ is_main: 1 }).where('id', '=', 'n2').execute(),
    ).rejects.toThrow();
    await migrateTo(db as Kysely<unknown>, before);
    expect(await tableNames(db)).not.toContain('trunks');
    const columns = (await db.introspection.getTables()).find((t) => t.name === 'phone_numbers')!.columns;
    expect(columns.map((c) => c.name)).not.toContain('is_main');
  });

  it('0015_call_transfers names who transferred a call on call-log rows; older rows name nobody', async () => {
    const db = await emptyDatabase(kind);
    const names = Object.keys(migrations(secrets));
    const before = names[names.indexOf('0015_call_transfers') - 1]!;
    await migrateTo(db as Kysely<unknown>, before);
    await insertOldUser(db);
    const row = {
      call_id: 'k1',
      user_id: 'u1',
      direction: 'incoming',
      other_number: '102',
      other_name: 'Zoë Brontë-Ødegaard',
      started_at: '2026-01-01T00:00:00.000Z',
      answered_at: null,
      ended_at: '2026-01-01T00:00:10.000Z',
      duration_seconds: 0,
      result: 'missed',
    };
    await (db as Kysely<any>)
      .insertInto('call_log')
      .values({ id: 'l1', ...row })
      .execute();
    await migrateTo(db as Kysely<unknown>, '0015_call_transfers');
    const old = await db.selectFrom('call_log').selectAll().where('id', '=', 'l1').executeTakeFirstOrThrow();
    expect([old.transferred_by_number, old.transferred_by_name]).toEqual([null, null]);
    await (db as Kysely<any>)
      .insertInto('call_log')
      .values({ id: 'l2', ...row, transferred_by_number: '101', transferred_by_name: 'Lucía García-Pérez' })
      .execute();
    const transferred = await db
      .selectFrom('call_log')
      .selectAll()
      .where('id', '=', 'l2')
      .executeTakeFirstOrThrow();
    expect(transferred.transferred_by_name).toBe('Lucía García-Pérez');
    await migrateTo(db as Kysely<unknown>, before);
    const columns = (await db.introspection.getTables()).find((t) => t.name === 'call_log')!.columns;
    expect(columns.map((c) => c.name)).not.toContain('transferred_by_number');
    expect(await db.selectFrom('call_log').select('id').orderBy('id').execute()).toEqual([
      { id: 'l1' },
      { id: 'l2' },
    ]);
  });

  it('0017_ring_groups: a group is gone with its extension, a member with theirs, an overflow falls back', async () => {
    const db = await emptyDatabase(kind);
    const names = Object.keys(migrations(secrets));
    const before = names[names.indexOf('0017_ring_groups') - 1]!;
    await migrateTo(db as Kysely<unknown>, before);
    await insertOldCompany(db);
    await insertOldUser(db);
    await migrateTo(db as Kysely<unknown>, '0017_ring_groups');
    const extension = (id: string, number: string, user_id: string | null) => ({
      id,
      number,
      caller_id_name: id,
      user_id,
      created_at: 'now',
    });
    await db
      .insertInto('extensions')
      .values([extension('member', '100', 'u1'), extension('group', '600', null)])
      .execute();
    await db
      .insertInto('ring_groups')
      .values({
        id: 'g1',
        extension_id: 'group',
        name: 'Sales',
        strategy: 'round-robin',
        member_ring_seconds: 20,
        group_ring_seconds: 60,
        skip_busy: 1,
        overflow_type: 'extension',
        overflow_extension_id: 'member',
        last_answered_extension_id: 'member',
        created_at: 'now',
      })
      .execute();
    await db
      .insertInto('ring_group_members')
      .values({ ring_group_id: 'g1', extension_id: 'member', position: 0, logged_in: 1 })
      .execute();
    // One membership per extension and group.
    await expect(
      db
        .insertInto('ring_group_members')
        .values({ ring_group_id: 'g1', extension_id: 'member', position: 1, logged_in: 1 })
        .execute(),
    ).rejects.toThrow();
    await db.deleteFrom('users').execute();
    expect(await db.selectFrom('ring_group_members').selectAll().execute()).toEqual([]);
    const group = await db.selectFrom('ring_groups').selectAll().executeTakeFirstOrThrow();
    expect([group.overflow_extension_id, group.last_answered_extension_id]).toEqual([null, null]);
    await db.deleteFrom('extensions').where('id', '=', 'group').execute();
    expect(await db.selectFrom('ring_groups').selectAll().execute()).toEqual([]);
    await migrateTo(db as Kysely<unknown>, before);
    expect(await tableNames(db)).not.toContain('ring_groups');
    const calls = (await db.introspection.getTables()).find((t) => t.name === 'calls')!;
    expect(calls.columns.map((c) => c.name)).not.toContain('answered_by_number');
  });

  it('0018_receptionists: a receptionist and its greetings are gone with its extension', async () => {
    const db = await emptyDatabase(kind);
    const names = Object.keys(migrations(secrets));
    const before = names[names.indexOf('0018_receptionists') - 1]!;
    await migrateTo(db as Kysely<unknown>, '0018_receptionists');
    await db
      .insertInto('extensions')
      .values({ id: 'front', number: '700', caller_id_name: 'Front', user_id: null, created_at: 'now' })
      .execute();
    await db
      .insertInto('receptionists')
      .values({ id: 'r1', extension_id: 'front', name: 'Front', plan: '{}', created_at: 'now' })
      .execute();
    const greeting = { receptionist_id: 'r1', menu_id: 'main', file: 'greetings/r1-main.wav' };
    await db.insertInto('receptionist_greetings').values(greeting).execute();
    // One uploaded greeting per menu.
    await expect(db.insertInto('receptionist_greetings').values(greeting).execute()).rejects.toThrow();
    await db.deleteFrom('extensions').where('id', '=', 'front').execute();
    expect(await db.selectFrom('receptionists').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('receptionist_greetings').selectAll().execute()).toEqual([]);
    await migrateTo(db as Kysely<unknown>, before);
    expect(await tableNames(db)).not.toContain('receptionists');
    expect(await tableNames(db)).not.toContain('receptionist_greetings');
  });

  it('0019_conferences: a bridge is gone with its extension, and its extension is its own', async () => {
    const db = await emptyDatabase(kind);
    const names = Object.keys(migrations(secrets));
    const before = names[names.indexOf('0019_conferences') - 1]!;
    await migrateTo(db as Kysely<unknown>, before);
    await insertOldCompany(db);
    await migrateTo(db as Kysely<unknown>, '0019_conferences');
    await db
      .insertInto('extensions')
      .values({ id: 'bridge', number: '700', caller_id_name: 'Bridge', user_id: null, created_at: 'now' })
      .execute();
    const bridge = {
      id: 'c1',
      extension_id: 'bridge',
      name: 'Weekly',
      pin_hash: 'hash',
      moderator_pin_hash: null,
      end_with_moderator: 1 as const,
      max_participants: 20,
      created_at: 'now',
    };
    await db.insertInto('conferences').values(bridge).execute();
    // One bridge per extension.
    await expect(
      db
        .insertInto('conferences')
        .values({ ...bridge, id: 'c2' })
        .execute(),
    ).rejects.toThrow();
    await db.deleteFrom('extensions').where('id', '=', 'bridge').execute();
    expect(await db.selectFrom('conferences').selectAll().execute()).toEqual([]);
    await migrateTo(db as Kysely<unknown>, before);
    expect(await tableNames(db)).not.toContain('conferences');
  });

  it('0020_music_on_hold: groups from before hear ringing with the default music; down drops it all', async () => {
    const db = await emptyDatabase(kind);
    await migrateTo(db as Kysely<unknown>, '0017_ring_groups');
    await insertOldCompany(db);
    await db
      .insertInto('extensions')
      .values({ id: 'group', number: '600', caller_id_name: 'Sales', user_id: null, created_at: 'now' })
      .execute();
    await db
      .insertInto('ring_groups')
      .values({
        id: 'g1',
        extension_id: 'group',
        name: 'Sales',
        strategy: 'all',
        member_ring_seconds: 20,
        group_ring_seconds: 60,
        skip_busy: 1,
        overflow_type: 'voicemail',
        overflow_extension_id: null,
        last_answered_extension_id: null,
        created_at: 'now',
      })
      .execute();
    await migrateTo(db as Kysely<unknown>, '0020_music_on_hold');
    const group = await db
      .selectFrom('ring_groups')
      .select(['caller_hears', 'music_id'])
      .executeTakeFirstOrThrow();
    expect(group).toEqual({ caller_hears: 'ringing', music_id: null });
    await db
      .insertInto('music_files')
      .values({ id: 'm1', name: 'Jazz', duration_ms: 1000, is_default: 0, created_at: 'now' })
      .execute();
    await db.updateTable('ring_groups').set({ music_id: 'm1' }).execute();
    // A file a group uses stays: the office refuses the deletion before the database has to.
    if (kind === 'postgres') await expect(db.deleteFrom('music_files').execute()).rejects.toThrow();
    await migrateTo(db as Kysely<unknown>, '0017_ring_groups');
    expect(await tableNames(db)).not.toContain('music_files');
    const groups = (await db.introspection.getTables()).find((t) => t.name === 'ring_groups')!;
    expect(groups.columns.map((c) => c.name)).not.toContain('caller_hears');
  });

  it('0021_numbering_plan keeps ranges per kind instead of one first extension, and gives it back', async () => {
    const db = await emptyDatabase(kind);
    const names = Object.keys(migrations(secrets));
    const before = names[names.indexOf('0021_numbering_plan') - 1]!;
    await migrateTo(db as Kysely<unknown>, before);
    await insertOldCompany(db);
    await (db as Kysely<any>)
      .updateTable('company')
      .set({ extension_length: 4, first_extension: '2000' })
      .execute();
    await migrateTo(db as Kysely<unknown>, '0021_numbering_plan');
    const columns = async (table: string) =>
      (await db.introspection.getTables()).find((t) => t.name === table)?.columns.map((c) => c.name);
    expect(await columns('company')).not.toContain('first_extension');
    await db
      .insertInto('extension_ranges')
      .values({ kind: 'ring-group', first_number: '6000', last_number: '6999' })
      .execute();
    // One range per kind.
    await expect(
      db
        .insertInto('extension_ranges')
        .values({ kind: 'ring-group', first_number: '6000', last_number: '6099' })
        .execute(),
    ).rejects.toThrow();
    await migrateTo(db as Kysely<unknown>, before);
    expect(await columns('extension_ranges')).toBeUndefined();
    const company = await (db as Kysely<any>).selectFrom('company').selectAll().executeTakeFirstOrThrow();
    expect(company.first_extension).toBe('1000');
  });

  it('0022_outbound_calls: people call nationally, the company has caps, a cap alerts once a day', async () => {
    const db = await emptyDatabase(kind);
    const names = Object.keys(migrations(secrets));
    const before = names[names.indexOf('0022_outbound_calls') - 1]!;
    // The old company row as 0017 knew it, brought up to just before 0022.
    await migrateTo(db as Kysely<unknown>, '0017_ring_groups');
    await insertOldCompany(db);
    await insertOldUser(db);
    await migrateTo(db as Kysely<unknown>, before);
    await (db as Kysely<any>)
      .insertInto('preferences')
      .values({
        user_id: 'u1',
        do_not_disturb: 0,
        forward_always_enabled: 0,
        forward_busy_enabled: 0,
        forward_no_answer_enabled: 0,
        ring_timeout_seconds: 25,
      })
      .execute();
    await migrateTo(db as Kysely<unknown>, '0022_outbound_calls');
    const preferences = await db.selectFrom('preferences').selectAll().executeTakeFirstOrThrow();
    expect([preferences.outbound_calls, preferences.hide_caller_id]).toEqual(['national', 0]);
    const company = await db.selectFrom('company').selectAll().executeTakeFirstOrThrow();
    expect(company).toMatchObject({
      outside_calls_per_user: 4,
      outside_calls_total: 30,
      international_minutes_per_day: 600,
      premium_numbers_allowed: 0,
    });
    const alert = { day: '2026-12-07', cap: 'calls-total', sent_at: 'now' };
    await db.insertInto('toll_alerts').values(alert).execute();
    await expect(db.insertInto('toll_alerts').values(alert).execute()).rejects.toThrow();
    await db.insertInto('international_seconds_daily').values({ day: '2026-12-07', seconds: 60 }).execute();
    await migrateTo(db as Kysely<unknown>, before);
    expect(await tableNames(db)).not.toContain('toll_alerts');
    expect(await tableNames(db)).not.toContain('international_seconds_daily');
    const table = (await db.introspection.getTables()).find((t) => t.name === 'preferences')!;
    expect(table.columns.map((c) => c.name)).not.toContain('outbound_calls');
  });

  it('0023_receptionist_music: receptionists from before hear the default, greetings have no length yet; down drops both', async () => {
    const db = await emptyDatabase(kind);
    await migrateTo(db as Kysely<unknown>, '0022_outbound_calls');
    await db
      .insertInto('extensions')
      .values({ id: 'front', number: '700', caller_id_name: 'Front', user_id: null, created_at: 'now' })
      .execute();
    await (db as Kysely<any>)
      .insertInto('receptionists')
      .values({ id: 'r1', extension_id: 'front', name: 'Front', plan: '{}', created_at: 'now' })
      .execute();
    await (db as Kysely<any>)
      .insertInto('receptionist_greetings')
      .values({ receptionist_id: 'r1', menu_id: 'main', file: 'greetings/r1-main.wav' })
      .execute();
    await migrateTo(db as Kysely<unknown>, '0023_receptionist_music');
    expect(await db.selectFrom('receptionist_greetings').select('duration_ms').execute()).toEqual([
      { duration_ms: null },
    ]);
    expect(
      await db.selectFrom('receptionists').select(['music_id', 'caller_hears']).executeTakeFirstOrThrow(),
    ).toEqual({ music_id: null, caller_hears: 'ringing' });
    await db
      .insertInto('music_files')
      .values({ id: 'm1', name: 'Jazz', duration_ms: 1000, is_default: 0, created_at: 'now' })
      .execute();
    await db.updateTable('receptionists').set({ music_id: 'm1' }).execute();
    if (kind === 'postgres') await expect(db.deleteFrom('music_files').execute()).rejects.toThrow();
    await migrateTo(db as Kysely<unknown>, '0022_outbound_calls');
    const table = (await db.introspection.getTables()).find((t) => t.name === 'receptionists')!;
    expect(table.columns.map((c) => c.name)).not.toContain('music_id');
    expect(table.columns.map((c) => c.name)).not.toContain('caller_hears');
    const greetings = (await db.introspection.getTables()).find((t) => t.name === 'receptionist_greetings')!;
    expect(greetings.columns.map((c) => c.name)).not.toContain('duration_ms');
    expect(await db.selectFrom('receptionists').select('name').execute()).toEqual([{ name: 'Front' }]);
  });

  it('migrates to the latest schema twice without harm', async () => {
    const db = await emptyDatabase(kind);
    await migrateToLatest(db as Kysely<unknown>, secrets);
    await migrateToLatest(db as Kysely<unknown>, secrets);
    const applied = (await migrator(db as Kysely<unknown>, secrets).getMigrations()).filter(
      (m) => m.executedAt,
    );
    expect(applied.map((m) => m.name)).toEqual(Object.keys(migrations(secrets)));
  });
});
