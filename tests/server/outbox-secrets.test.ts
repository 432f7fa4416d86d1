// Item 1 of issue 8: a plain admin must not take over the super admin (or anyone) by reading a
// recovery code or a temporary password in the outbox.
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, DATABASES, useTestOffice, type TestOffice } from '../support/office';

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/**
 * Every 12-letter run of the recovery code alphabet in a text: what an attacker would try. Ids are
 * left out first: a UUID's last group is all digits 2-9 about once in 4,096.
 */
const codeLike = (text: string) => text.replace(UUID, '').match(/\b[A-HJ-NP-Z2-9]{12}\b/g) ?? [];

async function plainAdmin(office: TestOffice, superAdmin: string, fromOutbox: boolean, name = 'Plain Admin') {
  const user = fromOutbox
    ? await office.createSignedInUserFromOutbox(superAdmin, name, { role: 'admin' })
    : await office.createSignedInUser(superAdmin, name, { role: 'admin' });
  const signedIn = await office.login(user.email, user.password, 'admin');
  expect(signedIn.status).toBe(200);
  return { ...user, adminToken: signedIn.body.accessToken as string };
}

/** The attack: ask recovery for the owner's address, read the outbox, confirm, sign in. */
async function walkTakeover(office: TestOffice, attackerToken: string) {
  expect(
    (await office.request('POST', '/auth/password-recovery', { body: { login: ADMIN_EMAIL } })).status,
  ).toBe(202);
  await office.office.recovery.settled();
  await office.office.mailer.settled();
  const outbox = await office.request('GET', '/admin/outbox?limit=200', { token: attackerToken });
  expect(outbox.status).toBe(200);
  const seen = JSON.stringify(outbox.body);
  for (const code of codeLike(seen)) {
    const confirmed = await office.request('POST', '/auth/password-recovery/confirm', {
      body: { code, newPassword: 'Taken-over-by-me-77' },
    });
    expect(confirmed.status).toBe(400);
  }
  expect((await office.login(ADMIN_EMAIL, 'Taken-over-by-me-77', 'admin')).status).toBe(401);
  expect((await office.login(ADMIN_EMAIL, ADMIN_PASSWORD, 'admin')).status).toBe(200);
  return outbox.body.items as { to: string; kind: string | null; subject: string; body: string }[];
}

async function storedOutboxText(office: TestOffice): Promise<string> {
  return JSON.stringify(await office.office.db.selectFrom('mail_outbox').selectAll().execute());
}

describe.each(DATABASES)('the outbox keeps no readable secret, with SMTP, on %s', (database) => {
  const office = useTestOffice(database);
  let superAdmin: string;
  beforeAll(async () => {
    superAdmin = await office.adminToken();
  });

  it('fails the takeover: a plain admin neither sees the owner’s mail nor any code', async () => {
    const attacker = await plainAdmin(office, superAdmin, false);
    const items = await walkTakeover(office, attacker.adminToken);
    expect(items.some((m) => m.to === ADMIN_EMAIL)).toBe(false);

    // The real code went out by SMTP only: not in the database, shown redacted to the owner.
    const mail = await office.smtp.next(ADMIN_EMAIL, (m) => m.subject.includes('Reset'));
    const code = /use this code: ([A-Z0-9]+)/.exec(mail.text)?.[1] ?? '';
    expect(code).toHaveLength(12);
    expect(await storedOutboxText(office)).not.toContain(code);
    const owners = await office.request('GET', '/admin/outbox?limit=200', { token: superAdmin });
    const recovery = (owners.body.items as { to: string; kind: string; body: string }[]).find(
      (m) => m.to === ADMIN_EMAIL && m.kind === 'password-recovery',
    );
    expect(recovery?.body).toContain('use this code: •••');
    expect(recovery?.body).not.toContain(code);
  });

  it('drops the sealed copy once delivered, and shows temporary passwords redacted', async () => {
    const user = await office.createSignedInUser(superAdmin, 'Reset Rita');
    const reset = await office.request('POST', `/admin/users/${user.id}/password-reset`, {
      token: superAdmin,
      body: { mode: 'automatic' },
    });
    expect(reset.status).toBe(204);
    const mail = await office.smtp.next(user.email, (m) => m.subject.includes('reset'));
    const temporary = /temporary password: (\S+)/.exec(mail.text)?.[1] ?? '';
    expect(temporary).toHaveLength(14);
    await office.office.mailer.settled();
    const rows = await office.office.db
      .selectFrom('mail_outbox')
      .selectAll()
      .where('user_id', '=', user.id)
      .execute();
    expect(rows.map((r) => [r.kind, r.status, r.sealed])).toEqual([
      ['welcome', 'sent', null],
      ['password-reset', 'sent', null],
    ]);
    expect(JSON.stringify(rows)).not.toContain(temporary);
    const shown = await office.request('GET', '/admin/outbox?limit=200', { token: superAdmin });
    const resetMail = (shown.body.items as { recipientUserId: string; kind: string; body: string }[]).find(
      (m) => m.recipientUserId === user.id && m.kind === 'password-reset',
    );
    expect(resetMail?.body).toContain('temporary password: •••');
  });
});

describe.each(DATABASES)('the outbox of an office without SMTP, on %s', (database) => {
  const office = useTestOffice(database, { smtpUrl: null });
  let superAdmin: string;
  beforeAll(async () => {
    superAdmin = await office.adminToken();
  });

  it('fails the takeover and shows an admin only the handovers of users they may manage', async () => {
    const attacker = await plainAdmin(office, superAdmin, true);
    const items = await walkTakeover(office, attacker.adminToken);
    // Neither the owner's recovery mail nor the other admin's welcome: only mail of users and their own.
    expect(items.some((m) => m.to === ADMIN_EMAIL)).toBe(false);
    expect(items.every((m) => m.kind !== 'password-recovery' || m.body.includes('•••'))).toBe(true);
    expect(await storedOutboxText(office)).not.toMatch(/use this code: [A-Z0-9]{12}/);
    expect(await storedOutboxText(office)).not.toMatch(/Temporary password: [A-Za-z0-9]{14}/);

    // A welcome mail of a user the plain admin may manage shows its temporary password (the
    // admin could set one anyway); the super admin's own recovery mail never shows its code.
    const user = await office.createSignedInUserFromOutbox(attacker.adminToken, 'Handed Over');
    expect((await office.login(user.email, user.password)).status).toBe(200);
    const owners = await office.request('GET', '/admin/outbox?limit=200', { token: superAdmin });
    const recovery = (owners.body.items as { to: string; kind: string; body: string }[]).find(
      (m) => m.to === ADMIN_EMAIL && m.kind === 'password-recovery',
    );
    expect(recovery?.body).toContain('use this code: •••');

    // A user's own recovery code stays hidden from every admin, too.
    await office.request('POST', '/auth/password-recovery', { body: { login: user.email } });
    await office.office.recovery.settled();
    for (const token of [attacker.adminToken, superAdmin]) {
      const outbox = await office.request('GET', '/admin/outbox?limit=200', { token });
      const mine = (outbox.body.items as { to: string; kind: string; body: string }[]).find(
        (m) => m.to === user.email && m.kind === 'password-recovery',
      );
      expect(mine?.body).toContain('use this code: •••');
      expect(codeLike(JSON.stringify(outbox.body))).toEqual([]);
    }
  });

  it('hides an administrator’s welcome mail from a plain admin but shows it to the super admin', async () => {
    const other = await office.createSignedInUserFromOutbox(superAdmin, 'Other Admin', { role: 'admin' });
    const plain = await plainAdmin(office, superAdmin, true, 'Second Plain');
    const asPlain = await office.request('GET', '/admin/outbox?limit=200', { token: plain.adminToken });
    expect((asPlain.body.items as { to: string }[]).some((m) => m.to === other.email)).toBe(false);
    expect((asPlain.body.items as { to: string }[]).some((m) => m.to === plain.email)).toBe(true);
    const asOwner = await office.request('GET', '/admin/outbox?limit=200', { token: superAdmin });
    const welcome = (asOwner.body.items as { to: string; body: string }[]).find((m) => m.to === other.email);
    expect(welcome?.body).toMatch(/Temporary password: \S{14}/);
  });
});
