// What every attack script does: JSON calls to the office's API (plain fetch, no test framework,
// so each script also runs by hand against any office), signing in, making the people an attack
// needs, and its command line.
import { parseArgs } from 'node:util';
import type { Role } from '../../common/api/primitives';

export interface AttackOutcome {
  attack: string;
  /** True when the attacker got what they were after. */
  succeeded: boolean;
  detail: string;
}

/** Prints one line per attack, `GOT THROUGH` for one that worked, and exits 1 when any of them did. */
export function reportAndExit(outcomes: AttackOutcome[]): never {
  for (const o of outcomes)
    process.stdout.write(`${o.succeeded ? 'GOT THROUGH' : 'held'.padEnd(11)}  ${o.attack}: ${o.detail}\n`);
  process.exit(outcomes.some((o) => o.succeeded) ? 1 : 0);
}

export interface Reply {
  status: number;
  body: any;
}

export async function call(
  baseUrl: string,
  method: string,
  route: string,
  token?: string,
  body?: unknown,
): Promise<Reply> {
  const response = await fetch(`${baseUrl}/api/v1${route}`, {
    method,
    headers: {
      ...(token && { authorization: `Bearer ${token}` }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // CSV and empty answers stay text.
  }
  return { status: response.status, body: parsed };
}

/** An access token, or null when the sign-in is refused. */
export async function signIn(
  baseUrl: string,
  login: string,
  password: string,
  scope: 'user' | 'admin',
): Promise<string | null> {
  const reply = await call(baseUrl, 'POST', '/auth/login', undefined, { login, password, scope });
  return reply.status === 200 ? (reply.body.accessToken as string) : null;
}

/** The super admin's access token, the one the script sets everything up with. */
export async function signInOwner(baseUrl: string, email: string, password: string): Promise<string> {
  const token = await signIn(baseUrl, email, password, 'admin');
  if (!token) throw new Error('the super admin cannot sign in with the given password');
  return token;
}

export interface MadeUser {
  id: string;
  extension: string;
  email: string;
  /** Their password now (the script changes it when the office asks). */
  password: string;
  /** Signed in with the scope of the role: admin for administrators, user otherwise. */
  token: string;
}

/** The super admin makes a person with a password the script knows, signed in. */
export async function makeUser(
  baseUrl: string,
  ownerToken: string,
  person: { name: string; role: Role; password: string },
): Promise<MadeUser> {
  const email = `${person.name.toLowerCase().replace(/\W+/g, '.')}.${Date.now()}@example.com`;
  const scope = person.role === 'user' ? 'user' : 'admin';
  const created = await call(baseUrl, 'POST', '/admin/users', ownerToken, {
    name: person.name,
    email,
    role: person.role,
    sendWelcomeEmail: false,
  });
  if (created.status !== 201)
    throw new Error(`could not create ${person.name}: ${JSON.stringify(created.body)}`);
  const made = { id: created.body.id as string, extension: created.body.extension as string, email };
  const reset = await call(baseUrl, 'POST', `/admin/users/${made.id}/password-reset`, ownerToken, {
    mode: 'manual',
    password: person.password,
    confirmPassword: person.password,
  });
  if (reset.status >= 300)
    throw new Error(`could not set ${person.name}'s password: ${JSON.stringify(reset.body)}`);
  const token = await signIn(baseUrl, email, person.password, scope);
  if (!token) throw new Error(`${person.name} cannot sign in`);
  // A manual reset may ask for a change at first sign-in: the script complies.
  const me = await call(baseUrl, 'GET', '/me', token);
  if (!me.body.mustChangePassword) return { ...made, password: person.password, token };
  const changed = await call(baseUrl, 'POST', '/me/password', token, {
    currentPassword: person.password,
    newPassword: `${person.password}-2`,
  });
  if (changed.status >= 300)
    throw new Error(`${person.name} cannot change their password: ${JSON.stringify(changed.body)}`);
  const again = await signIn(baseUrl, email, `${person.password}-2`, scope);
  if (!again) throw new Error(`${person.name} cannot sign in after the change`);
  return { ...made, password: `${person.password}-2`, token: again };
}

export interface Owner {
  email: string;
  password: string;
}

/** The office owner's own sign-in (as a user: their extension), which sets an attack up. */
export async function ownerToken(baseUrl: string, owner: Owner): Promise<string> {
  const token = await signIn(baseUrl, owner.email, owner.password, 'user');
  if (!token) throw new Error('the owner cannot sign in with the given password');
  return token;
}

/**
 * An attack script's command line: every flag given (`--url URL` and the others named), the
 * attack run with them, one line printed per attack (`held` or `GOT THROUGH`), and exit 1 when
 * any got through.
 */
export async function attackFromCommandLine<Flag extends string>(
  script: string,
  flags: Flag[],
  attack: (values: Record<Flag | 'url', string>) => Promise<AttackOutcome[]>,
): Promise<void> {
  const names = ['url', ...flags];
  const { values } = parseArgs({
    options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
  });
  if (names.some((name) => typeof values[name] !== 'string')) {
    const usage = names.map((name) => `--${name} ${name.replace(/^.*-/, '').toUpperCase()}`).join(' ');
    process.stderr.write(`Usage: npx tsx tests/attacks/${script} ${usage}\n`);
    process.exit(2);
  }
  const given = values as Record<Flag | 'url', string>;
  reportAndExit(await attack({ ...given, url: given.url.replace(/\/$/, '') }));
}
