// A stranger locks the super admin out with wrong passwords. The lock must hold for strangers
// (with no device token, a made-up one, or the token of a device known to another account), let
// the owner in from the device they signed in from before, give that device no more than the
// company's threshold of guesses of its own, and tell the owner by mail. Run it against a fresh
// office started without SMTP (the owner reads the outbox):
//   npx tsx tests/attacks/lockout.ts --url http://127.0.0.1:8080 --email OWNER --password PASSWORD
// It prints one line per attack and exits 1 when any of them worked.
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { attackFromCommandLine, call, makeUser, type AttackOutcome, type Reply } from './client';

interface Owner {
  email: string;
  password: string;
}

const signInWith = (baseUrl: string, login: string, password: string, deviceToken?: string) =>
  call(baseUrl, 'POST', '/auth/login', undefined, {
    login,
    password,
    scope: 'admin',
    ...(deviceToken !== undefined && { deviceToken }),
  });

const answer = (reply: Reply) => `${reply.status} ${reply.body?.error?.code ?? 'signed in'}`;

/** The stranger's guesses: as many wrong passwords as the company allows, and one more. */
async function lockOut(baseUrl: string, owner: Owner, threshold: number): Promise<Reply> {
  for (let guess = 0; guess < threshold; guess++)
    await signInWith(baseUrl, owner.email, `Wrong-guess-${guess}-${randomBytes(4).toString('hex')}`);
  return signInWith(baseUrl, owner.email, owner.password);
}

async function strangerGetsIn(
  baseUrl: string,
  owner: Owner,
  attack: string,
  deviceToken?: string,
): Promise<AttackOutcome> {
  const reply = await signInWith(baseUrl, owner.email, owner.password, deviceToken);
  return { attack, succeeded: reply.status === 200, detail: `answered ${answer(reply)}` };
}

/** The owner's own device: the token the office gave it when the owner signed in there before. */
async function ownerFromKnownDevice(baseUrl: string, owner: Owner, deviceToken: string) {
  const reply = await signInWith(baseUrl, owner.email, owner.password, deviceToken);
  const outcome: AttackOutcome = {
    attack: 'the owner locked out of the device they signed in from before',
    succeeded: reply.status !== 200,
    detail: `answered ${answer(reply)}`,
  };
  return { outcome, token: reply.status === 200 ? (reply.body.accessToken as string) : null };
}

async function ownerNotTold(
  baseUrl: string,
  ownerToken: string | null,
  owner: Owner,
  threshold: number,
): Promise<AttackOutcome> {
  const attack = 'the owner not told by mail of the lockout, its tries and their address';
  if (!ownerToken) return { attack, succeeded: true, detail: 'the owner could not sign in to look' };
  for (let waited = 0; waited < 10_000; waited += 100) {
    const outbox = await call(baseUrl, 'GET', '/admin/outbox?limit=200', ownerToken);
    const notice = (outbox.body.items as { to: string; kind: string | null; body: string }[]).find(
      (mail) => mail.to === owner.email && mail.kind === 'lockout-notice',
    );
    if (notice) {
      const says = notice.body.includes('127.0.0.1') && notice.body.includes(String(threshold));
      return {
        attack,
        succeeded: !says,
        detail: says ? 'mailed, with the tries and the address' : `mailed without them: ${notice.body}`,
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { attack, succeeded: true, detail: 'no lockout mail in the outbox' };
}

/** Many wrong passwords at once through the owner's known device: at most the threshold are checked. */
async function bruteForceThroughDevice(
  baseUrl: string,
  owner: Owner,
  deviceToken: string,
  threshold: number,
): Promise<AttackOutcome> {
  const guesses = await Promise.all(
    Array.from({ length: threshold * 4 }, (_, i) =>
      signInWith(baseUrl, owner.email, `Device-guess-${i}-${randomBytes(4).toString('hex')}`, deviceToken),
    ),
  );
  const checked = guesses.filter((reply) => reply.status === 401).length;
  // Spent, the device is a stranger again: the owner's right password is refused while the lock lasts.
  const after = await signInWith(baseUrl, owner.email, owner.password, deviceToken);
  return {
    attack: `the owner's known device used to guess (${threshold * 4} wrong passwords at once, then the right one)`,
    succeeded: checked > threshold || after.status === 200,
    detail: `${checked} checked (threshold ${threshold}); then the right password answered ${answer(after)}`,
  };
}

export async function attemptLockout(
  baseUrl: string,
  ownerEmail: string,
  ownerPassword: string,
): Promise<AttackOutcome[]> {
  const owner = { email: ownerEmail, password: ownerPassword };
  const first = await signInWith(baseUrl, ownerEmail, ownerPassword);
  if (first.status !== 200) throw new Error(`the super admin cannot sign in: ${answer(first)}`);
  const ownerDevice: string = first.body.deviceToken ?? '';
  const threshold: number = (await call(baseUrl, 'GET', '/admin/company', first.body.accessToken)).body
    .security.lockoutThreshold;
  // The stranger has an account of their own, and a device the office knows for it.
  const stranger = await makeUser(baseUrl, first.body.accessToken, {
    name: 'Mallory Stranger',
    role: 'user',
    password: 'Quiet-Harbour-Lantern-47',
  });
  const strangerDevice = await call(baseUrl, 'POST', '/auth/login', undefined, {
    login: stranger.email,
    password: stranger.password,
    scope: 'user',
  });

  const locked = await lockOut(baseUrl, owner, threshold);
  if (locked.status === 200) throw new Error('the stranger’s wrong passwords did not lock the account');
  const known = await ownerFromKnownDevice(baseUrl, owner, ownerDevice);
  return [
    await strangerGetsIn(baseUrl, owner, 'a stranger past the lock with no device token'),
    await strangerGetsIn(
      baseUrl,
      owner,
      'a stranger past the lock with a made-up device token',
      randomBytes(32).toString('base64url'),
    ),
    await strangerGetsIn(
      baseUrl,
      owner,
      "a stranger past the lock with their own account's device token",
      strangerDevice.body.deviceToken ?? randomBytes(32).toString('base64url'),
    ),
    known.outcome,
    // The owner signing in did not lift the lock for strangers.
    await strangerGetsIn(baseUrl, owner, 'a stranger past the lock after the owner signed in'),
    await ownerNotTold(baseUrl, known.token, owner, threshold),
    await bruteForceThroughDevice(baseUrl, owner, ownerDevice, threshold),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  await attackFromCommandLine('lockout.ts', ['email', 'password'], (flags) =>
    attemptLockout(flags.url, flags.email, flags.password),
  );
