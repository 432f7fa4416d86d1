// What every attack script does: JSON calls to the office's API, signing in, and its command line.
import { parseArgs } from 'node:util';

export interface AttackOutcome {
  attack: string;
  /** True when the attacker got what they were after. */
  succeeded: boolean;
  detail: string;
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
  const outcomes = await attack({ ...given, url: given.url.replace(/\/$/, '') });
  for (const o of outcomes)
    process.stdout.write(`${o.succeeded ? 'GOT THROUGH' : 'held'}  ${o.attack}: ${o.detail}\n`);
  process.exit(outcomes.some((o) => o.succeeded) ? 1 : 0);
}
