import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Database } from './schema';
import { withStatementCache } from './statement-cache';
import { makePrivateFileSync } from '../private-files';
import type { Logger } from '../logger';

export type DatabaseKind = 'sqlite' | 'postgres';
export type OfficeDb = Kysely<Database>;

export interface OpenedDatabase {
  db: OfficeDb;
  kind: DatabaseKind;
}

/**
 * Opens a SQLite file (the embedded default) or a PostgreSQL URL (a company deployment); the
 * logger hears of connections PostgreSQL closes by itself.
 */
export function openDatabase(
  location: { sqliteFile: string } | { postgresUrl: string },
  logger: Logger,
): OpenedDatabase {
  if ('postgresUrl' in location) {
    const pool = new pg.Pool({ connectionString: location.postgresUrl, max: 10 });
    // PostgreSQL ends idle connections itself on a restart, a failover or pg_terminate_backend
    // (57P01). The pool drops that client and opens another when one is next needed; the error
    // it then emits, with nobody listening, would be thrown and end the whole office.
    pool.on('error', (error: Error & { code?: string }) =>
      logger.warn({ error: error.message, code: error.code }, 'PostgreSQL closed an idle connection'),
    );
    return { kind: 'postgres', db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }) };
  }
  // SQLite makes a new database file 0644, and its -wal, -shm and -journal files with the
  // database file's mode (set so whatever the umask). Made 0600 here first, the database and
  // every file SQLite adds beside it, now or after any checkpoint, are private.
  makePrivateFileSync(location.sqliteFile);
  const sqlite = new SQLite(location.sqliteFile);
  // WAL keeps readers off the writer's back; foreign keys are off by default in SQLite.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return {
    kind: 'sqlite',
    db: new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) }),
  };
}

/** A unique constraint refused a write: the caller turns it into a 409. */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
