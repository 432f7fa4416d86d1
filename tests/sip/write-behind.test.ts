// Registrations are written behind: a burst of refreshes costs one batched write, a failed write
// is tried again without losing what came after it, and a removal wins over an older put.
import { describe, expect, it } from 'vitest';
import { WriteBehind } from '../../server/sip/write-behind';
import { silentLogger } from '../../server/logger';

describe('writes behind', () => {
  it('writes a burst of changes to the same rows once, with the newest of each', async () => {
    const rounds: { puts: string[]; removals: string[] }[] = [];
    const writes = new WriteBehind<string>(
      async (puts, removals) => void rounds.push({ puts, removals }),
      20,
      silentLogger,
      'test',
    );
    for (let refresh = 0; refresh < 1000; refresh++) {
      writes.put('phone-a', `a@${refresh}`);
      writes.put('phone-b', `b@${refresh}`);
    }
    writes.put('phone-c', 'c');
    writes.remove('phone-c');
    await expect.poll(() => rounds.length).toBe(1);
    expect(rounds[0]).toEqual({ puts: ['a@999', 'b@999'], removals: ['phone-c'] });
    await writes.flush();
    expect(rounds).toHaveLength(1);
  });

  it('keeps what a failed write held for the next round, unless something newer replaced it', async () => {
    const rounds: string[][] = [];
    let fail = true;
    const writes = new WriteBehind<string>(
      async (puts) => {
        if (fail) {
          fail = false;
          throw new Error('database away');
        }
        rounds.push(puts);
      },
      10,
      silentLogger,
      'test',
    );
    writes.put('a', 'a1');
    writes.put('b', 'b1');
    const failed = writes.flush();
    writes.put('b', 'b2');
    await failed;
    await expect.poll(() => rounds.length).toBe(1);
    expect(rounds[0]!.sort()).toEqual(['a1', 'b2']);
  });
});
