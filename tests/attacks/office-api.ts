// The office's REST API as the attack scripts use it: plain fetch, no test framework, so each
// script also runs by hand against any office.
import { parseArgs } from 'node:util';
import type { Role } from '../../common/api/primitives';

export interface AttackOutcome {
  attack: string;
  /** True when the attacker got what they were after. */
  succeeded: boolean;
  detail: string;
}

/** Prints one line per attack, `word` for one that worked, and exits 1 when any of them did. */
export function reportAndExit(outcomes: AttackOutcome[], word = 'TAKEN'): never {
  const held = 'held'.padEnd(word.length);
  for (const o of outcomes) process.stdout.write(`${o.succeeded ? word : held}  ${o.attack}: ${o.detail}\n`);
  process.exit(outcomes.some((o) => o.succeeded) ? 1 : 0);
}

/**
 * The command line of a script run against a fresh office with its super admin's credentials:
 * `--url URL --email OWNER --password PASSWORD`; runs `attempt` and reports.
 */
export async function runAgainstOffice(
  script: string,
  attempt: (baseUrl: string, ownerEmail: string, ownerPassword: string) => Promise<AttackOutcome[]>,
): Promise<never> {
  const { values } = parseArgs({
    options: { url: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' } },
  });
  if (!values.url || !values.email || !values.password) {
    process.stderr.write(
      `Usage: npx tsx tests/attacks/${script} --url URL --email OWNER --password PASSWORD\n`,
    );
    process.exit(2);
  }
  reportAndExit(await attempt(values.url.replace(/\/$/, ''), values.email, values.password));
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

/** An access token, or null when the office refuses the sign-in. */
export async function signIn(
  baseUrl: string,
  login: string,
  password: string,
  scope: 'user' | 'admin' = 'admin',
): Promise<string | null> {
  const reply = await call(baseUrl, 'POST', '/auth/login', undefined, { login, password, scope });
  return reply.status === 200 ? (reply.body.accessToken as string) : null;
}

/** The super admin's access token, the one the script sets everything up with. */
export async function signInOwner(baseUrl: string, email: string, password: string): Promise<string> {
  const token = await signIn(baseUrl, email, password);
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
