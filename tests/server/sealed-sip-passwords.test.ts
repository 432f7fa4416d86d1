// SIP passwords at rest: a copy of the database without the office's key yields none of them,
// and an office started on such a copy says which key it lacks instead of refusing every phone.
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, useTestOffice } from '../support/office';
import { openOffice } from '../../server/office';
import { silentLogger } from '../../server/logger';
import { SECRET_KEY_FILE } from '../../server/secrets/secret-box';

describe.each(DATABASES)('SIP passwords at rest on %s', (database) => {
  const office = useTestOffice(database);
  let admin: string;
  let copyDir: string;

  beforeAll(async () => {
    admin = await office.adminToken();
    copyDir = await mkdtemp(path.join(os.tmpdir(), 'switchboard-copy-'));
  });
  afterAll(() => rm(copyDir, { recursive: true, force: true }));

  it('a copied database without the key file yields no password, and will not start', async () => {
    const user = await office.createSignedInUser(admin, 'Copied Carl');
    const desk = await office.request('POST', '/admin/devices', {
      token: admin,
      body: { kind: 'desk-phone', model: 'Snom D785', extension: user.extension },
    });
    const softphone = await office.request('GET', '/me/softphone', { token: user.token });
    const passwords = [desk.body.sipPassword as string, softphone.body.password as string];
    expect(passwords.every((p) => /^\S{24}$/.test(p))).toBe(true);

    const rows = await office.office.db.selectFrom('devices').selectAll().execute();
    const everything = JSON.stringify(rows);
    for (const password of passwords) expect(everything).not.toContain(password);

    const copy = { ...office.office.config, dataDir: copyDir };
    if (database === 'sqlite') {
      await sql`pragma wal_checkpoint(truncate)`.execute(office.office.db);
      const file = path.join(office.office.config.dataDir, 'office.sqlite');
      const bytes = await readFile(file);
      for (const password of passwords) expect(bytes.includes(password)).toBe(false);
      await copyFile(file, path.join(copyDir, 'office.sqlite'));
    }
    // The PostgreSQL "copy" is the same database, reached from a data folder without the key.
    await expect(openOffice(copy, { logger: silentLogger })).rejects.toThrow(
      /sealed with another key: restore secret\.key/,
    );

    // With the key file copied too, the copy is the office again.
    await copyFile(
      path.join(office.office.config.dataDir, SECRET_KEY_FILE),
      path.join(copyDir, SECRET_KEY_FILE),
    );
    const restored = await openOffice(copy, { logger: silentLogger });
    try {
      const sealed = await restored.db
        .selectFrom('devices')
        .select('sip_password_sealed')
        .where('id', '=', desk.body.id)
        .executeTakeFirstOrThrow();
      expect(restored.secrets.unseal(sealed.sip_password_sealed)).toBe(desk.body.sipPassword);
    } finally {
      await restored.close();
    }
  });
});
