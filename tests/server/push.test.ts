import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, useTestOffice } from '../support/office';
import { EventStreamReader } from '../support/event-stream';
import { PushHub, type PushStream } from '../../server/push/hub';

describe.each(DATABASES)('the push channel on %s', (database) => {
  const office = useTestOffice(database);
  let admin: string;

  beforeAll(async () => {
    admin = await office.adminToken();
  });

  it('needs a sign-in', async () => {
    const stream = await EventStreamReader.open(office.baseUrl, 'not-a-real-token-at-all');
    expect(stream.status).toBe(401);
  });

  it('ends a listening app with signed-out when an admin turns its portal access off', async () => {
    const user = await office.createSignedInUser(admin, 'Push Pam');
    const stream = await EventStreamReader.open(office.baseUrl, user.token);
    expect(stream.status).toBe(200);
    await office.office.push.heartbeat();
    expect(stream.ended).toBe(false);
    await office.request('PATCH', `/admin/users/${user.id}`, { token: admin, body: { portalAccess: false } });
    await office.office.push.heartbeat();
    expect(await stream.next()).toEqual({
      event: 'signed-out',
      data: { type: 'signed-out', reason: 'session-ended' },
    });
    await stream.closedByServer();
  });

  it('ends the stream of a session signed out elsewhere, and only that one', async () => {
    const user = await office.createSignedInUser(admin, 'Push Pete');
    const other = await office.login(user.email, user.password);
    const ending = await EventStreamReader.open(office.baseUrl, user.token);
    const staying = await EventStreamReader.open(office.baseUrl, other.body.accessToken);
    await office.request('POST', '/auth/logout', { body: { refreshToken: user.refreshToken } });
    await office.office.push.heartbeat();
    expect((await ending.next()).data.reason).toBe('session-ended');
    await ending.closedByServer();
    expect(staying.ended).toBe(false);
    staying.close();
  });
});

describe('PushHub limits', () => {
  function stream(userId: string, sessionId = `${userId}-s`) {
    const written: string[] = [];
    const s: PushStream & { written: string[]; ended: boolean } = {
      userId,
      sessionId,
      written,
      ended: false,
      write: (chunk) => void written.push(chunk),
      end: () => void (s.ended = true),
    };
    return s;
  }

  it('lets the oldest of one user give way, publishes only to that user, and counts exactly', async () => {
    const hub = new PushHub(async (ids) => new Set(ids), { perUser: 2, total: 10 });
    const [a1, a2, a3, b1] = [stream('a'), stream('a'), stream('a'), stream('b')];
    for (const s of [a1, a2, a3, b1]) hub.open(s);
    expect(a1.ended).toBe(true);
    expect(a1.written.at(-1)).toContain('"reason":"replaced"');
    expect(hub.size).toBe(3);
    hub.publish('a', { type: 'signed-out', reason: 'session-ended' });
    expect(a2.written.at(-1)).toContain('event: signed-out');
    expect(b1.written).toEqual([': connected\n\n']);
    hub.close(a2);
    hub.close(a2);
    expect(hub.size).toBe(2);
    hub.endAll();
    expect([a3.ended, b1.ended]).toEqual([true, true]);
    expect(hub.size).toBe(0);
  });

  it('heartbeats live sessions and ends the rest', async () => {
    const hub = new PushHub(async () => new Set(['live']), { perUser: 5, total: 10 });
    const live = stream('u', 'live');
    const dead = stream('u', 'dead');
    hub.open(live);
    hub.open(dead);
    await hub.heartbeat();
    expect(live.written.at(-1)).toBe(': heartbeat\n\n');
    expect(dead.ended).toBe(true);
    expect(hub.size).toBe(1);
  });
});
