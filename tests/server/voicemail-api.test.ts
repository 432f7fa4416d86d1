import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, useTestOffice, type TestOffice } from '../support/office';
import { storeVoicemail } from '../../server/directory/voicemail';
import { MAX_KEYS_PER_USER } from '../../server/api/idempotency';

describe.each(DATABASES)('the voicemail API on %s', (database) => {
  const office = useTestOffice(database);
  let admin: string;
  let owner: Awaited<ReturnType<TestOffice['createSignedInUser']>>;
  const audio = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

  beforeAll(async () => {
    admin = await office.adminToken();
    owner = await office.createSignedInUser(admin, 'Paged Owner');
  });

  const store = (receivedAt: string, extension = owner.extension) =>
    storeVoicemail(office.office.db, office.office.voicemailFiles, {
      extension,
      callerNumber: '555',
      callerName: null,
      receivedAt,
      durationSeconds: 3,
      audio,
      audioType: 'audio/wav',
    });
  const as =
    (token: string) =>
    (method: string, url: string, options: { body?: unknown; headers?: Record<string, string> } = {}) =>
      office.request(method, url, { token, ...options });

  it('pages the box newest first and counts unread messages across the whole box', async () => {
    const user = await office.createSignedInUser(admin, 'Many Messages');
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await store(`2026-03-0${i + 1}T10:00:00.000Z`, user.extension));
    const api = as(user.token);
    expect((await api('PATCH', `/me/voicemail/${ids[0]}`, { body: { read: true } })).status).toBe(200);
    const seen: string[] = [];
    let before: string | null = null;
    do {
      const page = await api('GET', `/me/voicemail?limit=2${before ? `&before=${before}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.unread).toBe(4);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((m: { id: string }) => m.id));
      before = page.body.nextCursor;
    } while (before);
    expect(seen).toEqual([...ids].reverse());
    const bad = await api('GET', '/me/voicemail?before=bm90LWEtY3Vyc29y');
    expect([bad.status, bad.body.error.field]).toEqual([400, 'query.before']);
  });

  it('serves the recording with a stable ETag, 304 on a match, and single byte ranges', async () => {
    const id = await store('2026-04-01T10:00:00.000Z');
    const api = as(owner.token);
    const whole = await api('GET', `/me/voicemail/${id}/audio`);
    const etag = whole.headers.get('etag')!;
    expect([whole.status, whole.headers.get('accept-ranges'), whole.headers.get('content-length')]).toEqual([
      200,
      'bytes',
      '1000',
    ]);
    expect(Buffer.compare(whole.body, audio)).toBe(0);
    expect((await api('GET', `/me/voicemail/${id}/audio`)).headers.get('etag')).toBe(etag);

    const cached = await api('GET', `/me/voicemail/${id}/audio`, {
      headers: { 'if-none-match': `"other", ${etag}` },
    });
    expect([cached.status, cached.body.length]).toEqual([304, 0]);
    const stale = await api('GET', `/me/voicemail/${id}/audio`, { headers: { 'if-none-match': '"other"' } });
    expect(stale.status).toBe(200);

    const ranges: [string, number, string | null, Buffer][] = [
      ['bytes=0-9', 206, 'bytes 0-9/1000', audio.subarray(0, 10)],
      ['bytes=990-', 206, 'bytes 990-999/1000', audio.subarray(990)],
      ['bytes=-5', 206, 'bytes 995-999/1000', audio.subarray(995)],
      ['bytes=500-5000', 206, 'bytes 500-999/1000', audio.subarray(500)],
      ['bytes=0-1,5-6', 200, null, audio],
      ['items=0-9', 200, null, audio],
    ];
    for (const [range, status, contentRange, bytes] of ranges) {
      const part = await api('GET', `/me/voicemail/${id}/audio`, { headers: { range } });
      expect({ range, status: part.status, contentRange: part.headers.get('content-range') }).toEqual({
        range,
        status,
        contentRange,
      });
      expect(Buffer.compare(part.body, bytes), range).toBe(0);
    }
    const past = await api('GET', `/me/voicemail/${id}/audio`, { headers: { range: 'bytes=1000-' } });
    expect([past.status, past.headers.get('content-range')]).toEqual([416, 'bytes */1000']);
    const changed = await api('GET', `/me/voicemail/${id}/audio`, {
      headers: { range: 'bytes=0-9', 'if-range': '"an-older-version"' },
    });
    expect([changed.status, changed.body.length]).toEqual([200, 1000]);
  });

  it('replays a PATCH or DELETE sent again with its Idempotency-Key without acting again', async () => {
    const id = await store('2026-05-01T10:00:00.000Z');
    const api = as(owner.token);
    const patch = (read: boolean, key?: string) =>
      api('PATCH', `/me/voicemail/${id}`, { body: { read }, headers: key ? { 'idempotency-key': key } : {} });

    const first = await patch(true, 'mark-read-1');
    expect([first.status, first.body.read, first.headers.get('idempotent-replayed')]).toEqual([
      200,
      true,
      'false',
    ]);
    expect((await patch(false)).body.read).toBe(false);
    const replay = await patch(true, 'mark-read-1');
    expect([replay.status, replay.body.read, replay.headers.get('idempotent-replayed')]).toEqual([
      200,
      true,
      'true',
    ]);
    // The replay did not act: the message is still as the later request left it.
    const list = await api('GET', '/me/voicemail');
    expect(list.body.items.find((m: { id: string }) => m.id === id).read).toBe(false);

    const reused = await api('PATCH', `/me/voicemail/${id}`, {
      body: { read: false },
      headers: { 'idempotency-key': 'mark-read-1' },
    });
    expect([reused.status, reused.body.error.code]).toEqual([409, 'conflict']);

    const remove = (key?: string) =>
      api('DELETE', `/me/voicemail/${id}`, { headers: key ? { 'idempotency-key': key } : {} });
    expect((await remove('delete-1')).status).toBe(204);
    const again = await remove('delete-1');
    expect([again.status, again.headers.get('idempotent-replayed')]).toEqual([204, 'true']);
    expect((await remove()).status).toBe(404);
    // A first answer that was a refusal is replayed too.
    expect((await remove('delete-2')).status).toBe(404);
    expect((await remove('delete-2')).headers.get('idempotent-replayed')).toBe('true');

    // Keys are each user's own.
    const other = await office.createSignedInUser(admin, 'Same Key User');
    const theirs = await store('2026-05-02T10:00:00.000Z', other.extension);
    const sameKey = await office.request('DELETE', `/me/voicemail/${theirs}`, {
      token: other.token,
      headers: { 'idempotency-key': 'delete-1' },
    });
    expect([sameKey.status, sameKey.headers.get('idempotent-replayed')]).toEqual([204, 'false']);
  });

  it('refuses a malformed key and changes nothing', async () => {
    const id = await store('2026-06-01T10:00:00.000Z');
    for (const key of ['x'.repeat(65), 'has space', 'semi;colon', 'ünïcode']) {
      const response = await office.request('DELETE', `/me/voicemail/${id}`, {
        token: owner.token,
        headers: { 'idempotency-key': key },
      });
      expect({ key, status: response.status, field: response.body.error?.field }).toEqual({
        key,
        status: 400,
        field: 'headers.idempotency-key',
      });
    }
    expect((await office.request('GET', `/me/voicemail/${id}/audio`, { token: owner.token })).status).toBe(
      200,
    );
  });

  it('keeps keys a day and at most the cap per user, the oldest going first', async () => {
    const user = await office.createSignedInUser(admin, 'Key Hoarder');
    const start = new Date(office.office.clock()).getTime();
    await office.office.db
      .insertInto('idempotency_keys')
      .values(
        Array.from({ length: MAX_KEYS_PER_USER }, (_, i) => ({
          user_id: user.id,
          key: `old-${i}`,
          fingerprint: 'DELETE gone',
          status: 404,
          body: null,
          created_at: new Date(start - 60_000 + i).toISOString(),
        })),
      )
      .execute();
    const id = await store('2026-07-01T10:00:00.000Z', user.extension);
    let api = as(user.token);
    const read = (key: string) =>
      api('PATCH', `/me/voicemail/${id}`, { body: { read: true }, headers: { 'idempotency-key': key } });
    const fresh = await read('newest');
    expect([fresh.status, fresh.headers.get('idempotent-replayed')], JSON.stringify(fresh.body)).toEqual([
      200,
      'false',
    ]);
    const keys = await office.office.db
      .selectFrom('idempotency_keys')
      .select('key')
      .where('user_id', '=', user.id)
      .execute();
    expect(keys.length).toBe(MAX_KEYS_PER_USER);
    expect(keys.map((k) => k.key)).not.toContain('old-0');
    expect(keys.map((k) => k.key)).toContain('newest');

    expect((await read('newest')).headers.get('idempotent-replayed')).toBe('true');
    office.advance(25 * 60 * 60_000);
    // A day later the session is over too: signed in again, the key acts anew.
    api = as((await office.login(user.email, user.password)).body.accessToken);
    expect((await read('newest')).headers.get('idempotent-replayed')).toBe('false');
  });
});
