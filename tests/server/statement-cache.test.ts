import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CACHED_STATEMENTS, withStatementCache } from '../../server/db/statement-cache';

describe('the SQLite statement cache', () => {
  it('reuses compiled statements and forgets the least recently used past its size', () => {
    const database = new Database(':memory:');
    database.exec('create table t (n integer); insert into t values (1), (2), (3)');
    const cached = withStatementCache(database);
    const often = cached.prepare('select n from t');
    expect(cached.prepare('select n from t')).toBe(often);
    expect(often.all([])).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);

    const once = cached.prepare('select n from t where n = ?');
    for (let i = 0; i < CACHED_STATEMENTS - 1; i++) {
      cached.prepare(`select n + ${i} from t`);
      cached.prepare('select n from t'); // kept fresh by use
    }
    expect(cached.prepare('select n from t')).toBe(often);
    expect(cached.prepare('select n from t where n = ?')).not.toBe(once);
    database.close();
  });
});
