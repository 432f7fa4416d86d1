// better-sqlite3 compiles SQL on every prepare(); Kysely prepares each query it runs. The
// office runs the same few queries over and over (a REGISTER looks up a device), so compiled
// statements are kept, most recently used last, and reused while not busy iterating.
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

const CACHED_STATEMENTS = 256;

export function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => void database.close(),
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      cache.delete(sql);
      // A statement still iterating a stream (CSV export) cannot run again until it is done.
      const statement = cached && !cached.busy ? cached : database.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > CACHED_STATEMENTS) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}
