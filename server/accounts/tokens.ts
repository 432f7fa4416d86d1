import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Scope } from '../../common/api/auth';

export interface AccessClaims {
  sessionId: string;
  userId: string;
  scope: Scope;
  /** Expiry, ms since the epoch. */
  expiresAt: number;
}

/**
 * Short-lived access tokens: `payload.signature`, HMAC-SHA256 over the base64url JSON claims.
 * Stateless to check; the session they name is still looked up so revocation is immediate.
 */
export class AccessTokens {
  constructor(private readonly secret: Buffer) {}

  sign(claims: AccessClaims): string {
    const payload = Buffer.from(
      JSON.stringify({ sid: claims.sessionId, sub: claims.userId, scp: claims.scope, exp: claims.expiresAt }),
    ).toString('base64url');
    return `${payload}.${this.signature(payload)}`;
  }

  /** The claims of a well-signed token, or null for anything else (expiry is the caller's check). */
  verify(token: string): AccessClaims | null {
    const dot = token.indexOf('.');
    if (dot <= 0 || token.length > 1000) return null;
    const payload = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.signature(payload), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const raw = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
      if (typeof raw.sid !== 'string' || typeof raw.sub !== 'string' || typeof raw.exp !== 'number')
        return null;
      if (raw.scp !== 'user' && raw.scp !== 'admin') return null;
      return { sessionId: raw.sid, userId: raw.sub, scope: raw.scp, expiresAt: raw.exp };
    } catch {
      return null;
    }
  }

  private signature(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}

/** Refresh tokens are `sessionId.secret`; only a hash of the secret is stored. */
export function newRefreshSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

export function parseRefreshToken(token: string): { sessionId: string; secret: string } | null {
  const dot = token.lastIndexOf('.');
  if (dot <= 0) return null;
  return { sessionId: token.slice(0, dot), secret: token.slice(dot + 1) };
}
