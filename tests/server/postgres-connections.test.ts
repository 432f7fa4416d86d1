// PostgreSQL ends an office's idle connections (a restart, a failover, pg_terminate_backend):
// the office, a process of its own as `npm run server` starts it, lives on and keeps answering.
import pg from 'pg';
import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { freshPostgresDatabase } from '../support/office';
import { startOfficeProcess } from '../attacks/office-process';

/** Ends every connection to the database but the one asking; how many it ended. */
async function terminateConnections(database: string): Promise<number> {
  const client = new pg.Client({ connectionString: inject('postgresUrl') });
  await client.connect();
  try {
    const ended = await client.query(
      'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [database],
    );
    return ended.rowCount ?? 0;
  } finally {
    await client.end();
  }
}

describe('an office on PostgreSQL whose idle connections PostgreSQL ends', () => {
  it('logs it, keeps running and answers the next requests', async () => {
    const database = await freshPostgresDatabase();
    const office = await startOfficeProcess({ databaseUrl: database.url });
    let exited = false;
    void office.process.exited.then(() => (exited = true));
    try {
      const health = () => fetch(`${office.baseUrl}/api/v1/health`).then((r) => r.status);
      // Requests at once: the pool holds several connections, idle once they are answered.
      expect(await Promise.all(Array.from({ length: 6 }, health))).toEqual(Array(6).fill(200));
      expect(await terminateConnections(database.name)).toBeGreaterThan(0);

      // The pool hears of each closed connection at once; without a listener the first one ends the process.
      const heard = () => office.process.output().includes('PostgreSQL closed an idle connection');
      for (let waited = 0; waited < 5_000 && !exited && !heard(); waited += 50)
        await new Promise((resolve) => setTimeout(resolve, 50));
      expect(exited, office.process.output()).toBe(false);
      expect(office.process.output()).toMatch(/"code":"57P01".*PostgreSQL closed an idle connection/);

      expect(await Promise.all(Array.from({ length: 6 }, health))).toEqual(Array(6).fill(200));
      const signIn = await fetch(`${office.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'nobody@example.com', password: 'Not-a-password-1', scope: 'user' }),
      });
      expect(signIn.status).toBe(401);
      expect(exited).toBe(false);
    } finally {
      await office.stop();
      await database.drop();
    }
  }, 60_000);
});
