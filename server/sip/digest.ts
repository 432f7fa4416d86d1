// Digest authentication, server side (RFC 2617, RFC 8760 for SHA-256). Nonces carry their own
// time and an HMAC under the server secret, so their origin and age are checked without state;
// the nonce counts already seen are remembered so a replayed request is refused.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { randomHex } from './fields';
import type { Clock } from '../time';

export type DigestAlgorithm = 'SHA-256' | 'MD5';

export type DigestOutcome =
  | { ok: true; username: string; algorithm: DigestAlgorithm }
  | {
      ok: false;
      reason:
        'malformed' | 'realm' | 'uri' | 'forged' | 'stale' | 'replay' | 'unknown-user' | 'wrong-password';
    };

/**
 * What an answer is checked against: the password, or the hash of `username:realm:password`
 * (H(A1), RFC 7616 §3.4.2) kept instead of it, which is good for one algorithm and realm only.
 */
export type DigestCredentials = { password: string } | { ha1: string };

/** Unknown users are answered after the same hashing as known ones: the time taken tells nothing. */
const NO_PASSWORD = 'no such user: a digest is still computed';

const HASH: Record<DigestAlgorithm, string> = { 'SHA-256': 'sha256', MD5: 'md5' };

function hash(algorithm: DigestAlgorithm, text: string): string {
  return createHash(HASH[algorithm]).update(text, 'utf8').digest('hex');
}

/** H(A1) of a password: what a server that must not keep the password stores for digest. */
export function digestHa1(
  algorithm: DigestAlgorithm,
  username: string,
  realm: string,
  password: string,
): string {
  return hash(algorithm, `${username}:${realm}:${password}`);
}

export type DigestInput = DigestCredentials & {
  algorithm: DigestAlgorithm;
  username: string;
  realm: string;
  method: string;
  uri: string;
  nonce: string;
  /** With qop=auth: the nonce count (8 hex digits) and the client nonce. */
  qop?: { nc: string; cnonce: string };
};

/** The `response` value of a digest (RFC 2617 §3.2.2.1, RFC 7616 §3.4.1). */
export function digestResponse(input: DigestInput): string {
  const ha1 =
    'ha1' in input ? input.ha1 : digestHa1(input.algorithm, input.username, input.realm, input.password);
  const ha2 = hash(input.algorithm, `${input.method}:${input.uri}`);
  return input.qop
    ? hash(input.algorithm, `${ha1}:${input.nonce}:${input.qop.nc}:${input.qop.cnonce}:auth:${ha2}`)
    : hash(input.algorithm, `${ha1}:${input.nonce}:${ha2}`);
}

/** `Digest a="b", c=d` → map; quoted values unescaped. Null for anything else. */
export function parseDigestParams(header: string): Map<string, string> | null {
  const match = /^Digest\s+(.*)$/is.exec(header.trim());
  if (!match) return null;
  const params = new Map<string, string>();
  const pattern = /\s*([A-Za-z0-9-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,"]+))\s*(?:,|$)/y;
  const text = match[1]!;
  let consumed = 0;
  let part: RegExpExecArray | null;
  while (consumed < text.length && (part = pattern.exec(text))) {
    params.set(part[1]!.toLowerCase(), part[2] !== undefined ? part[2].replace(/\\(.)/g, '$1') : part[3]!);
    consumed = pattern.lastIndex;
  }
  return consumed === text.length ? params : null;
}

export class DigestAuthenticator {
  /** Nonce → highest nonce count used so far. */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly secret: Buffer,
    private readonly clock: Clock,
    readonly realm: string,
    private readonly nonceLifetimeMs = 5 * 60_000,
  ) {}

  private sign(stamp: string): string {
    return createHmac('sha256', this.secret).update(stamp).digest('base64url').slice(0, 22);
  }

  newNonce(): string {
    const stamp = `${this.clock().toString(36)}.${randomHex(8)}`;
    return `${stamp}.${this.sign(stamp)}`;
  }

  /**
   * The WWW-/Proxy-Authenticate values to send, one per algorithm, preferred first (RFC 8760
   * §2.4); which ones, and in what order, is the caller's choice (see DigestPolicy).
   */
  challenges(stale = false, order: DigestAlgorithm[] = ['SHA-256', 'MD5']): string[] {
    const nonce = this.newNonce();
    return order.map(
      (algorithm) =>
        `Digest realm="${this.realm}", nonce="${nonce}", algorithm=${algorithm}, qop="auth"${stale ? ', stale=true' : ''}`,
    );
  }

  /** 'forged' when the signature fails, 'stale' when well signed but too old. */
  private nonceState(nonce: string): 'fresh' | 'stale' | 'forged' {
    const lastDot = nonce.lastIndexOf('.');
    if (lastDot <= 0) return 'forged';
    const stamp = nonce.slice(0, lastDot);
    const given = Buffer.from(nonce.slice(lastDot + 1));
    const expected = Buffer.from(this.sign(stamp));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forged';
    const issued = parseInt(stamp.split('.')[0] ?? '', 36);
    const age = this.clock() - issued;
    return Number.isFinite(issued) && age >= 0 && age <= this.nonceLifetimeMs ? 'fresh' : 'stale';
  }

  /** `requestUri` is the request's own: an answer computed for another URI is a failed guess. */
  async verify(
    method: string,
    requestUri: string,
    header: string,
    lookup: (username: string) => Promise<DigestCredentials | null>,
  ): Promise<DigestOutcome> {
    const p = parseDigestParams(header);
    const username = p?.get('username');
    const nonce = p?.get('nonce');
    const uri = p?.get('uri');
    const response = p?.get('response');
    const algorithm = (p?.get('algorithm') ?? 'MD5').toUpperCase() as DigestAlgorithm;
    if (!p || !username || !nonce || !uri || !response || !(algorithm in HASH))
      return { ok: false, reason: 'malformed' };
    if (p.get('realm') !== this.realm) return { ok: false, reason: 'realm' };
    if (uri !== requestUri) return { ok: false, reason: 'uri' };
    const state = this.nonceState(nonce);
    if (state !== 'fresh') return { ok: false, reason: state };

    const qop = p.get('qop');
    const nc = p.get('nc');
    const cnonce = p.get('cnonce');
    if (qop !== undefined && (qop !== 'auth' || !nc || !/^[0-9a-fA-F]{8}$/.test(nc) || !cnonce)) {
      return { ok: false, reason: 'malformed' };
    }
    const count = qop ? parseInt(nc!, 16) : 1;
    if (count <= (this.seen.get(nonce) ?? 0)) return { ok: false, reason: 'replay' };

    const credentials = await lookup(username);
    const expected = digestResponse({
      algorithm,
      username,
      realm: this.realm,
      ...(credentials ?? { password: NO_PASSWORD }),
      method,
      uri,
      nonce,
      ...(qop && { qop: { nc: nc!, cnonce: cnonce! } }),
    });
    const given = Buffer.from(response.toLowerCase());
    const matches = given.length === expected.length && timingSafeEqual(given, Buffer.from(expected));
    if (!credentials) return { ok: false, reason: 'unknown-user' };
    if (!matches) return { ok: false, reason: 'wrong-password' };
    this.remember(nonce, count);
    return { ok: true, username, algorithm };
  }

  private remember(nonce: string, count: number): void {
    this.seen.set(nonce, count);
    // Nonces past their lifetime are refused as stale anyway: forget their counts. The map
    // keeps first-use order, which follows issue order closely, so the sweep stops at the
    // first nonce still fresh instead of visiting them all.
    if (this.seen.size > 10_000) {
      for (const known of this.seen.keys()) {
        if (this.nonceState(known) === 'fresh') break;
        this.seen.delete(known);
      }
    }
  }
}
