import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt N=2^15, r=8, p=1: the OWASP-recommended floor, ~50 ms here, on libuv's thread pool. */
export const DEFAULT_SCRYPT_LOG_N = 15;
const HIGHEST_SCRYPT_LOG_N = 20;
const TEST_RUNNER_LOWEST_SCRYPT_LOG_N = 10;

/**
 * The scrypt cost (log2 N) for new hashes of passwords and PINs: SWITCHBOARD_SCRYPT_LOG_N, else
 * the default. An operator may raise it; only the test runner (NODE_ENV=test) may lower it, since
 * the suite hashes thousands of passwords and checks what a hash decides, not what it costs. A
 * hash names its own parameters, so verifying follows whatever cost made it.
 */
export function scryptLogN(env: NodeJS.ProcessEnv): number {
  const given = env.SWITCHBOARD_SCRYPT_LOG_N;
  if (given === undefined || given === '') return DEFAULT_SCRYPT_LOG_N;
  const lowest = env.NODE_ENV === 'test' ? TEST_RUNNER_LOWEST_SCRYPT_LOG_N : DEFAULT_SCRYPT_LOG_N;
  const logN = Number(given);
  if (!Number.isInteger(logN) || logN < lowest || logN > HIGHEST_SCRYPT_LOG_N)
    throw new Error(
      `SWITCHBOARD_SCRYPT_LOG_N must be a whole number from ${lowest} to ${HIGHEST_SCRYPT_LOG_N}, not "${given}"`,
    );
  return logN;
}

const PARAMS = { N: 1 << scryptLogN(process.env), r: 8, p: 1 } as const;
const KEY_LENGTH = 32;

function scryptAsync(password: string, salt: Buffer, keyLength: number, options: ScryptOptions) {
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(
      password,
      salt,
      keyLength,
      { ...options, maxmem: 128 * options.N! * options.r! * 2 },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash`, base64url parts: self-describing so parameters can rise later. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, KEY_LENGTH, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(password, Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return timingSafeEqual(key, expected);
}

/** A hash no password matches, verified against when an account does not exist (same time spent). */
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(24).toString('base64url'));
  return decoyHash;
}

// No look-alike characters (0/O, 1/l/I): people type these from an email.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function generateTemporaryPassword(length = 14): string {
  let password = '';
  for (let i = 0; i < length; i++) password += ALPHABET[randomInt(ALPHABET.length)];
  return password;
}
