import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_LOG_N, hashPassword, scryptLogN, verifyPassword } from './passwords';

describe('the scrypt cost of new hashes', () => {
  it('is the OWASP floor unless set, may be raised, and is lowered only under the test runner', () => {
    expect(scryptLogN({})).toBe(DEFAULT_SCRYPT_LOG_N);
    expect(DEFAULT_SCRYPT_LOG_N).toBe(15);
    expect(scryptLogN({ SWITCHBOARD_SCRYPT_LOG_N: '' })).toBe(15);
    expect(scryptLogN({ SWITCHBOARD_SCRYPT_LOG_N: '17' })).toBe(17);
    expect(scryptLogN({ SWITCHBOARD_SCRYPT_LOG_N: '10', NODE_ENV: 'test' })).toBe(10);
    for (const given of ['14', '10', '0', '21', '15.5', 'fast', '1e1'])
      expect(() => scryptLogN({ SWITCHBOARD_SCRYPT_LOG_N: given, NODE_ENV: 'production' })).toThrow(
        /SWITCHBOARD_SCRYPT_LOG_N must be a whole number from 15 to 20/,
      );
    expect(() => scryptLogN({ SWITCHBOARD_SCRYPT_LOG_N: '9', NODE_ENV: 'test' })).toThrow(/from 10 to 20/);
  });

  it('hashes at the cost this process was given, and verifies a hash made at any cost', async () => {
    const hash = await hashPassword('correct horse 42');
    expect(hash.split('$').slice(0, 4)).toEqual(['scrypt', String(1 << scryptLogN(process.env)), '8', '1']);
    expect(await verifyPassword('correct horse 42', hash)).toBe(true);
    expect(await verifyPassword('correct horse 43', hash)).toBe(false);

    // One made at the default cost (as a production office stores it) still verifies here.
    const salt = Buffer.from('0123456789abcdef');
    const key = scryptSync('harbor-light-77', salt, 32, { N: 1 << 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
    const stored = ['scrypt', 1 << 15, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
    expect(await verifyPassword('harbor-light-77', stored)).toBe(true);
    expect(await verifyPassword('harbor-light-78', stored)).toBe(false);
  });
});
