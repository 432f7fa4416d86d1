import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEFAULT_HTTP_CONNECTION_LIMITS } from '../../server/http-connections';
import { OWNER, officeForSuite } from './office-process';
import { floodHttp } from './http-idle-flood';

describe('a flood of idle HTTP connections against a running office', () => {
  const office = officeForSuite();

  it('leaves sign-in working, and the office within its connection cap', async () => {
    const descriptors = () => readdir(`/proc/${office().process.child.pid}/fd`).then((fds) => fds.length);
    const before = await descriptors();
    let most = before;
    let attacking = true;
    const sampling = (async () => {
      while (attacking) {
        most = Math.max(most, await descriptors());
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();
    const outcomes = await floodHttp(office().baseUrl, OWNER).finally(() => (attacking = false));
    await sampling;
    expect(outcomes.filter((o) => o.succeeded)).toEqual([]);
    expect(most - before).toBeLessThanOrEqual(DEFAULT_HTTP_CONNECTION_LIMITS.maxConnections);
  }, 60_000);
});
