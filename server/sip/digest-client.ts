// Digest authentication, client side (RFC 2617, RFC 7616, RFC 8760 for SHA-256): the office
// answering a carrier's challenge. Of several challenges the strongest it can answer is taken;
// the answer to one nonce is reused, its count going up, until the carrier asks again.
import { randomHex } from './fields';
import { digestResponse, parseDigestParams, type DigestAlgorithm } from './digest';

export interface DigestChallenge {
  realm: string;
  nonce: string;
  algorithm: DigestAlgorithm;
  /** qop=auth offered: the answer carries a count and a client nonce. */
  qop: boolean;
  opaque: string | null;
  /** The nonce was stale: the credentials were right, only the nonce had expired. */
  stale: boolean;
}

const STRENGTH: Record<DigestAlgorithm, number> = { 'SHA-256': 2, MD5: 1 };

/** A challenge this client can answer: MD5 or SHA-256 (not their -sess forms), with qop auth or none. */
function readChallenge(header: string): DigestChallenge | null {
  const params = parseDigestParams(header);
  const realm = params?.get('realm');
  const nonce = params?.get('nonce');
  if (!params || realm === undefined || !nonce) return null;
  const algorithm = (params.get('algorithm') ?? 'MD5').toUpperCase();
  if (algorithm !== 'MD5' && algorithm !== 'SHA-256') return null;
  const qopOptions = params
    .get('qop')
    ?.split(',')
    .map((option) => option.trim().toLowerCase());
  if (qopOptions && !qopOptions.includes('auth')) return null;
  return {
    realm,
    nonce,
    algorithm,
    qop: qopOptions !== undefined,
    opaque: params.get('opaque') ?? null,
    stale: params.get('stale')?.toLowerCase() === 'true',
  };
}

/** The strongest challenge of a 401's WWW-Authenticate (or a 407's Proxy-Authenticate) values. */
export function pickChallenge(headers: string[]): DigestChallenge | null {
  let best: DigestChallenge | null = null;
  for (const header of headers) {
    const challenge = readChallenge(header);
    if (challenge && (!best || STRENGTH[challenge.algorithm] > STRENGTH[best.algorithm])) best = challenge;
  }
  return best;
}

const quoted = (value: string) => `"${value.replace(/(["\\])/g, '\\$1')}"`;

/** Answers challenges for one set of credentials, counting the uses of each nonce. */
export class DigestClient {
  private challenge: DigestChallenge | null = null;
  private count = 0;

  constructor(
    private readonly username: string,
    private readonly password: string,
  ) {}

  /** Takes a new challenge to answer from now on. */
  challenged(challenge: DigestChallenge): void {
    this.challenge = challenge;
    this.count = 0;
  }

  /** The Authorization value for a request, or null before any challenge came. */
  authorization(method: string, uri: string): string | null {
    const challenge = this.challenge;
    if (!challenge) return null;
    this.count++;
    const nc = this.count.toString(16).padStart(8, '0');
    const cnonce = randomHex(8);
    const response = digestResponse({
      algorithm: challenge.algorithm,
      username: this.username,
      realm: challenge.realm,
      password: this.password,
      method,
      uri,
      nonce: challenge.nonce,
      ...(challenge.qop && { qop: { nc, cnonce } }),
    });
    const parts = [
      `username=${quoted(this.username)}`,
      `realm=${quoted(challenge.realm)}`,
      `nonce=${quoted(challenge.nonce)}`,
      `uri=${quoted(uri)}`,
      `response=${quoted(response)}`,
      `algorithm=${challenge.algorithm}`,
      ...(challenge.qop ? [`qop=auth`, `nc=${nc}`, `cnonce=${quoted(cnonce)}`] : []),
      ...(challenge.opaque !== null ? [`opaque=${quoted(challenge.opaque)}`] : []),
    ];
    return `Digest ${parts.join(', ')}`;
  }
}
