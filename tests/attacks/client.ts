// What every attack script does over the office's API: JSON calls, and signing in.

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

/** One line per attack, as the scripts print them: `held` or `GOT THROUGH`. */
export function report(outcomes: AttackOutcome[]): string {
  return outcomes.map((o) => `${o.succeeded ? 'GOT THROUGH' : 'held'}  ${o.attack}: ${o.detail}\n`).join('');
}
