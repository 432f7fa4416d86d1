import { describe, expect, it } from 'vitest';
import { DigestAuthenticator, digestResponse, parseDigestParams } from '../../server/sip/digest';

describe('digest response', () => {
  // RFC 7616 §3.9.1: the same request answered with SHA-256 and with MD5.
  const rfc7616 = {
    username: 'Mufasa',
    realm: 'http-auth@example.org',
    password: 'Circle of Life',
    method: 'GET',
    uri: '/dir/index.html',
    nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
    qop: { nc: '00000001', cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ' },
  };

  it('matches RFC 7616’s SHA-256 and MD5 examples', () => {
    expect(digestResponse({ ...rfc7616, algorithm: 'SHA-256' })).toBe(
      '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
    );
    expect(digestResponse({ ...rfc7616, algorithm: 'MD5' })).toBe('8ca523f5e9506fed4657c9700eebdbec');
  });

  it('reads quoted and bare parameters and refuses garbage', () => {
    const params = parseDigestParams('Digest username="a\\"b", realm="r", nc=00000001, qop=auth');
    expect(Object.fromEntries(params!)).toEqual({ username: 'a"b', realm: 'r', nc: '00000001', qop: 'auth' });
    expect(parseDigestParams('Basic dXNlcjpwYXNz')).toBeNull();
    expect(parseDigestParams('Digest username="unterminated')).toBeNull();
  });
});

describe('DigestAuthenticator', () => {
  let now = Date.parse('2026-11-24T10:00:00Z');
  const clock = () => now;
  const auth = new DigestAuthenticator(Buffer.from('server secret for tests'), clock, 'office.example.com');
  const lookup = async (username: string) => (username === '100' ? { password: 'device-secret' } : null);

  function answer(
    challenge: string,
    options: { password?: string; nc?: string; algorithm?: 'MD5' | 'SHA-256' } = {},
  ) {
    const nonce = parseDigestParams(challenge)!.get('nonce')!;
    const algorithm = options.algorithm ?? 'SHA-256';
    const nc = options.nc ?? '00000001';
    const qop = { nc, cnonce: 'c0ffee' };
    const response = digestResponse({
      algorithm,
      username: '100',
      realm: 'office.example.com',
      password: options.password ?? 'device-secret',
      method: 'REGISTER',
      uri: 'sip:office.example.com',
      nonce,
      qop,
    });
    return `Digest username="100", realm="office.example.com", nonce="${nonce}", uri="sip:office.example.com", response="${response}", algorithm=${algorithm}, qop=auth, nc=${nc}, cnonce="c0ffee"`;
  }

  it('offers SHA-256 then MD5 and accepts both', async () => {
    const [sha, md5] = auth.challenges(false, ['SHA-256', 'MD5']);
    expect(sha).toMatch(/algorithm=SHA-256/);
    expect(md5).toMatch(/algorithm=MD5/);
    expect(await auth.verify('REGISTER', 'sip:office.example.com', answer(sha!), lookup)).toEqual({
      ok: true,
      username: '100',
      algorithm: 'SHA-256',
    });
    // Both challenges share one nonce: the MD5 answer is that nonce's second use.
    expect(
      await auth.verify(
        'REGISTER',
        'sip:office.example.com',
        answer(md5!, { algorithm: 'MD5', nc: '00000002' }),
        lookup,
      ),
    ).toEqual({
      ok: true,
      username: '100',
      algorithm: 'MD5',
    });
  });

  it('refuses a wrong password, an unknown user and a forged nonce', async () => {
    const [challenge] = auth.challenges();
    expect(
      await auth.verify(
        'REGISTER',
        'sip:office.example.com',
        answer(challenge!, { password: 'guess' }),
        lookup,
      ),
    ).toEqual({
      ok: false,
      reason: 'wrong-password',
    });
    const forged = challenge!.replace(/nonce="([^"]+)"/, (_m, n: string) => `nonce="${n.slice(0, -2)}xx"`);
    expect(await auth.verify('REGISTER', 'sip:office.example.com', answer(forged), lookup)).toEqual({
      ok: false,
      reason: 'forged',
    });
    const stranger = answer(challenge!).replace('username="100"', 'username="999"');
    expect(await auth.verify('REGISTER', 'sip:office.example.com', stranger, lookup)).toEqual({
      ok: false,
      reason: 'unknown-user',
    });
  });

  it('refuses an answer computed for another Request-URI', async () => {
    const [challenge] = auth.challenges();
    // A valid answer, but for sip:office.example.com, replayed on a request to another URI.
    expect(await auth.verify('REGISTER', 'sip:100@office.example.com', answer(challenge!), lookup)).toEqual({
      ok: false,
      reason: 'uri',
    });
  });

  it('refuses a replayed nonce count and accepts the next one', async () => {
    const [challenge] = auth.challenges();
    expect((await auth.verify('REGISTER', 'sip:office.example.com', answer(challenge!), lookup)).ok).toBe(
      true,
    );
    expect(await auth.verify('REGISTER', 'sip:office.example.com', answer(challenge!), lookup)).toEqual({
      ok: false,
      reason: 'replay',
    });
    expect(
      (
        await auth.verify(
          'REGISTER',
          'sip:office.example.com',
          answer(challenge!, { nc: '00000002' }),
          lookup,
        )
      ).ok,
    ).toBe(true);
  });

  it('says stale once a well-signed nonce has expired', async () => {
    const [challenge] = auth.challenges();
    now += 6 * 60_000;
    expect(await auth.verify('REGISTER', 'sip:office.example.com', answer(challenge!), lookup)).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(auth.challenges(true)[0]).toMatch(/stale=true/);
  });
});
