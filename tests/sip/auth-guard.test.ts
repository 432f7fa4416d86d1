// The failed sign-in tracker of the SIP service: constant cost per failure, bounded memory,
// and blocks that hold an address and username together.
import { describe, expect, it } from 'vitest';
import { AuthFailureGuard } from '../../server/sip/auth-guard';
import { silentLogger } from '../../server/logger';

describe('the SIP authentication failure guard', () => {
  it('slows an address, then blocks the guessed username from it and no other', () => {
    let now = 0;
    const guard = new AuthFailureGuard(() => now, silentLogger);
    const delays = Array.from({ length: 15 }, () => guard.fail('192.0.2.1', 'd1'));
    expect(delays.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(delays.at(-1)).toBe(2000);
    expect(guard.blocked('192.0.2.1', 'd1')).toBe(true);
    expect(guard.blocked('192.0.2.1', 'd2')).toBe(false);
    expect(guard.blocked('192.0.2.2', 'd1')).toBe(false);
    now += 10 * 60_000 + 1;
    expect(guard.blocked('192.0.2.1', 'd1')).toBe(false);
  });

  it('holds at most its cap of keys and forgets failures older than the window', () => {
    let now = 0;
    const guard = new AuthFailureGuard(() => now, silentLogger, { maxKeys: 1000 });
    for (let i = 0; i < 5000; i++) guard.fail(`10.0.${i >> 8}.${i & 255}`, 'd1');
    expect(guard.size).toBeLessThanOrEqual(2000);
    now += 5 * 60_000 + 1;
    guard.fail('192.0.2.9', 'd1');
    expect(guard.size).toBe(2);
  });

  it('costs the same per failure however many addresses failed before', () => {
    let now = 0;
    const guard = new AuthFailureGuard(() => now, silentLogger);
    const timed = (from: number, count: number) => {
      const started = performance.now();
      for (let i = from; i < from + count; i++) {
        now++;
        guard.fail(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, 'd1');
      }
      return performance.now() - started;
    };
    timed(0, 30_000); // 30,000 addresses already failing
    // Before: each failure past 10,000 addresses walked them all (6 ms each at 30,000).
    expect(timed(30_000, 20_000)).toBeLessThan(2_000);
  });
});
