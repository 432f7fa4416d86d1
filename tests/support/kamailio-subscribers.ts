// Kamailio's subscriber table as db_text files, for the Kamailio instances the tests start (a
// carrier, a registrar): passwords in clear, which auth_db turns into HA1 (calculate_ha1).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Writes `dir/db` with the subscribers of `domain`, and answers that folder (auth_db's db_url). */
export async function writeSubscriberTable(
  dir: string,
  domain: string,
  subscribers: { username: string; password: string }[],
): Promise<string> {
  const db = path.join(dir, 'db');
  await mkdir(db);
  await writeFile(path.join(db, 'version'), 'table_name(string) table_version(int)\nsubscriber:7\n');
  await writeFile(
    path.join(db, 'subscriber'),
    'id(int,auto) username(string) domain(string) password(string) ha1(string,null) ha1b(string,null)\n' +
      subscribers.map((s, i) => `${i + 1}:${s.username}:${domain}:${s.password}::\n`).join(''),
  );
  return db;
}
