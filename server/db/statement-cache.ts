// better-sqlite3 compiles SQL on every prepare(); Kysely prepares each query it runs. The
// office runs the same few queries over and over (a REGISTER looks up a device), so compiled
// statements are kept, most recently used last. (better-sqlite3 runs one statement at a time
// per connection, so a cached statement is never in use when it is handed out again.)
import type SQLite from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

export const CACHED_STATEMENTS = 256;

export function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => void database.close(),
    prepare(sql: string): SqliteStatement {
      const statement = cache.get(sql) ?? database.prepare(sql);
      cache.delete(sql);
      cache.set(sql, statement);
      if (cache.size > CACHED_STATEMENTS) cache.delete(cache.keys().next().value!);
      return statement;
    },
  };
}
