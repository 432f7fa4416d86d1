// A plain administrator tries every known way to become the super admin, or to take over the
// super admin's extension, against a running office. Run it against a fresh office:
//   npx tsx tests/attacks/takeover.ts --url http://127.0.0.1:8080 --email OWNER --password PASSWORD
// It prints one line per attack and exits 1 when any of them worked.
import { pathToFileURL } from 'node:url';
import {
  attackFromCommandLine,
  call,
  makeUser,
  signIn as signInAs,
  signInOwner,
  type AttackOutcome,
} from './client';

const ATTACKER_PASSWORD = 'Quiet-Harbour-Lantern-47';
const STOLEN_PASSWORD = 'Mallory-Owns-This-Office-93';

const signIn = (baseUrl: string, login: string, password: string) =>
  signInAs(baseUrl, login, password, 'admin');

/** The super admin makes a plain admin, the attacker, with a password the attacker knows. */
const makeAttacker = (baseUrl: string, ownerToken: string) =>
  makeUser(baseUrl, ownerToken, { name: 'Mallory Admin', role: 'admin', password: ATTACKER_PASSWORD });

/** Every run of 6 to 64 letters and digits in the mails to `address`: candidate codes and passwords. */
async function secretsInOutbox(baseUrl: string, token: string, address: string): Promise<string[]> {
  const outbox = await call(baseUrl, 'GET', '/admin/outbox?limit=200', token);
  if (outbox.status !== 200) return [];
  const mails = (outbox.body.items as { to: string; body?: string }[]).filter((m) => m.to === address);
  const candidates = new Set<string>();
  for (const mail of mails)
    for (const word of (mail.body ?? '').match(/[A-Za-z0-9!@#$%^&*_\-+=]{6,64}/g) ?? []) candidates.add(word);
  return [...candidates];
}

async function recoveryThroughOutbox(
  baseUrl: string,
  attacker: string,
  owner: Owner,
): Promise<AttackOutcome> {
  await call(baseUrl, 'POST', '/auth/password-recovery', undefined, { login: owner.email });
  const candidates = (await secretsInOutbox(baseUrl, attacker, owner.email)).filter((c) =>
    /^[A-Za-z0-9]+$/.test(c),
  );
  for (const code of candidates) {
    const confirmed = await call(baseUrl, 'POST', '/auth/password-recovery/confirm', undefined, {
      code,
      newPassword: STOLEN_PASSWORD,
    });
    if (confirmed.status === 204 && (await signIn(baseUrl, owner.email, STOLEN_PASSWORD)))
      return { attack: 'recovery code read from the outbox', succeeded: true, detail: `code ${code} worked` };
  }
  return {
    attack: 'recovery code read from the outbox',
    succeeded: false,
    detail: `${candidates.length} candidate codes in mails to the owner, none worked`,
  };
}

async function passwordThroughOutbox(
  baseUrl: string,
  attacker: string,
  owner: Owner,
): Promise<AttackOutcome> {
  const candidates = await secretsInOutbox(baseUrl, attacker, owner.email);
  for (const password of candidates)
    if (password !== owner.password && (await signIn(baseUrl, owner.email, password)))
      return {
        attack: "owner's temporary password read from the outbox",
        succeeded: true,
        detail: 'signed in',
      };
  return {
    attack: "owner's temporary password read from the outbox",
    succeeded: false,
    detail: `${candidates.length} candidates, none signed in`,
  };
}

function sipPasswordsIn(value: unknown): string[] {
  const found: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object')
      for (const [key, inner] of Object.entries(node)) {
        if (key === 'sipPassword' && typeof inner === 'string' && inner.length > 0 && !inner.includes('•'))
          found.push(inner);
        else visit(inner);
      }
  };
  visit(value);
  return found;
}

async function ownerSipCredentials(baseUrl: string, attacker: string, owner: Owner): Promise<AttackOutcome> {
  const user = await call(baseUrl, 'GET', `/admin/users/${owner.id}`, attacker);
  const devices = await call(baseUrl, 'GET', '/admin/devices', attacker);
  const onOwnerExtension =
    devices.status === 200
      ? (devices.body.items as { extension: string | null }[]).filter((d) => d.extension === owner.extension)
      : [];
  const leaked = [
    ...sipPasswordsIn(user.status === 200 ? user.body : null),
    ...sipPasswordsIn(onOwnerExtension),
  ];
  return {
    attack: "owner's SIP passwords read through user and device routes",
    succeeded: leaked.length > 0,
    detail: leaked.length > 0 ? `${leaked.length} readable` : `user read ${user.status}, none readable`,
  };
}

async function deviceOnOwnerExtension(
  baseUrl: string,
  attacker: string,
  owner: Owner,
): Promise<AttackOutcome> {
  const created = await call(baseUrl, 'POST', '/admin/devices', attacker, {
    kind: 'desk-phone',
    model: 'Rogue phone',
    extension: owner.extension,
  });
  return {
    attack: "a device added on the owner's extension",
    succeeded: created.status < 300,
    detail: `answered ${created.status}`,
  };
}

async function resetOwnerPassword(baseUrl: string, attacker: string, owner: Owner): Promise<AttackOutcome> {
  const reset = await call(baseUrl, 'POST', `/admin/users/${owner.id}/password-reset`, attacker, {
    mode: 'manual',
    password: STOLEN_PASSWORD,
    confirmPassword: STOLEN_PASSWORD,
  });
  return {
    attack: "the owner's password reset",
    succeeded: reset.status < 300,
    detail: `answered ${reset.status}`,
  };
}

async function promoteSelf(baseUrl: string, attacker: { token: string; id: string }): Promise<AttackOutcome> {
  const promoted = await call(baseUrl, 'PATCH', `/admin/users/${attacker.id}`, attacker.token, {
    role: 'superadmin',
  });
  return {
    attack: 'the attacker promotes themself',
    succeeded: promoted.status < 300 && promoted.body.role === 'superadmin',
    detail: `answered ${promoted.status}`,
  };
}

interface Owner {
  id: string;
  email: string;
  password: string;
  extension: string | null;
}

/** Runs every attack as a fresh plain admin; the owner's credentials only set the attacker up. */
export async function attemptTakeover(
  baseUrl: string,
  ownerEmail: string,
  ownerPassword: string,
): Promise<AttackOutcome[]> {
  const ownerToken = await signInOwner(baseUrl, ownerEmail, ownerPassword);
  const me = await call(baseUrl, 'GET', '/me', ownerToken);
  const owner: Owner = {
    id: me.body.id,
    email: ownerEmail,
    password: ownerPassword,
    extension: me.body.extension,
  };
  const attacker = await makeAttacker(baseUrl, ownerToken);
  return [
    await ownerSipCredentials(baseUrl, attacker.token, owner),
    await deviceOnOwnerExtension(baseUrl, attacker.token, owner),
    await resetOwnerPassword(baseUrl, attacker.token, owner),
    await promoteSelf(baseUrl, attacker),
    await passwordThroughOutbox(baseUrl, attacker.token, owner),
    await recoveryThroughOutbox(baseUrl, attacker.token, owner),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await attackFromCommandLine('takeover.ts', ['email', 'password'], (flags) =>
    attemptTakeover(flags.url, flags.email, flags.password),
  );
