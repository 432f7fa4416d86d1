import { beforeAll, describe, expect, it } from 'vitest';
import { DATABASES, useTestOffice } from '../support/office';
import { recordCall, type FinishedCall } from '../../server/directory/call-log';

describe.each(DATABASES)('the office-wide call log on %s', (database) => {
  const office = useTestOffice(database);
  let admin: string;
  const placed: FinishedCall[] = [];

  beforeAll(async () => {
    admin = await office.adminToken();
    const base = Date.parse('2026-03-02T08:00:00Z');
    const results = [
      'answered',
      'missed',
      'answered',
      'busy',
      'cancelled',
      'failed',
      'answered',
      'voicemail',
    ] as const;
    for (let i = 0; i < 40; i++) {
      const result = results[i % results.length]!;
      const startedAt = base + i * 2 * 3_600_000; // every two hours: the 40 calls span four days
      const call: FinishedCall = {
        caller: { number: i % 2 ? '101' : '102', name: null, userId: null },
        callee: { number: i % 3 ? '103' : '101', name: null, userId: null },
        startedAt: new Date(startedAt).toISOString(),
        // The media agent answers a call that goes to voicemail: it has a length, but no talk.
        answeredAt: ['answered', 'voicemail'].includes(result)
          ? new Date(startedAt + 4_000).toISOString()
          : null,
        endedAt: new Date(startedAt + 4_000 + i * 10_000).toISOString(),
        result,
      };
      placed.push(call);
      await recordCall(office.office.db, call);
    }
  });

  const expectedTotals = (calls: FinishedCall[]) => {
    const answered = calls.filter((c) => c.result === 'answered');
    const talkSeconds = answered.reduce(
      (sum, c) => sum + Math.round((Date.parse(c.endedAt) - Date.parse(c.answeredAt!)) / 1000),
      0,
    );
    const count = (result: string) => calls.filter((c) => c.result === result).length;
    return {
      calls: calls.length,
      results: {
        answered: answered.length,
        missed: count('missed'),
        busy: count('busy'),
        voicemail: count('voicemail'),
        failed: count('failed'),
        cancelled: count('cancelled'),
      },
      talkSeconds,
    };
  };

  it('pages every call newest first with totals for the whole period', async () => {
    const seen: any[] = [];
    let cursor: string | null = null;
    let totals: any;
    do {
      const page: any = await office.request(
        'GET',
        `/admin/call-log?limit=15${cursor ? `&before=${cursor}` : ''}`,
        {
          token: admin,
        },
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items);
      if (cursor) expect(page.body.totals).toBeNull();
      else totals = page.body.totals;
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(40);
    expect(seen.map((c) => c.startedAt)).toEqual(placed.map((c) => c.startedAt).reverse());
    expect(totals).toEqual(expectedTotals(placed));
  });

  it('filters by period, extension and result', async () => {
    const from = placed[10]!.startedAt;
    const to = placed[30]!.startedAt;
    const response = await office.request(
      'GET',
      `/admin/call-log?from=${from}&to=${to}&extension=101&limit=200`,
      { token: admin },
    );
    const wanted = placed.filter(
      (c) =>
        c.startedAt >= from && c.startedAt < to && (c.caller.number === '101' || c.callee.number === '101'),
    );
    expect(response.body.items).toHaveLength(wanted.length);
    expect(response.body.totals).toEqual(expectedTotals(wanted));
    // Whole days in the middle come from the daily totals, the partial days at the ends from the calls.
    for (const [a, b, extension] of [
      [5, 35, ''],
      [3, 38, '103'],
      [0, 39, '102'],
    ] as const) {
      const period = placed.filter(
        (c) =>
          c.startedAt >= placed[a]!.startedAt &&
          c.startedAt < placed[b]!.startedAt &&
          (!extension || c.caller.number === extension || c.callee.number === extension),
      );
      const totals = await office.request(
        'GET',
        `/admin/call-log?from=${placed[a]!.startedAt}&to=${placed[b]!.startedAt}${extension ? `&extension=${extension}` : ''}`,
        { token: admin },
      );
      expect(totals.body.totals).toEqual(expectedTotals(period));
    }
    const missed = await office.request('GET', '/admin/call-log?result=missed', { token: admin });
    expect(missed.body.totals.calls).toBe(placed.filter((c) => c.result === 'missed').length);
  });

  it('streams the same calls as CSV', async () => {
    const response = await fetch(`${office.baseUrl}/api/v1/admin/call-log.csv?extension=103`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text()).trim().split('\r\n');
    expect(lines[0]).toBe(
      'startedAt,answeredAt,endedAt,callerNumber,calleeNumber,answeredByNumber,durationSeconds,result,fault,id',
    );
    const wanted = placed.filter((c) => c.callee.number === '103' || c.caller.number === '103');
    expect(lines).toHaveLength(wanted.length + 1);
    expect(lines[1]!.split(',').slice(0, 8)).toEqual([
      wanted.at(-1)!.startedAt,
      wanted.at(-1)!.answeredAt ?? '',
      wanted.at(-1)!.endedAt,
      wanted.at(-1)!.caller.number,
      '103',
      '', // no ring group answered it
      String(
        Math.round(
          (Date.parse(wanted.at(-1)!.endedAt) -
            Date.parse(wanted.at(-1)!.answeredAt ?? wanted.at(-1)!.endedAt)) /
            1000,
        ),
      ),
      wanted.at(-1)!.result,
    ]);
  });

  it('is an admin-only view', async () => {
    const user = await office.createSignedInUser(admin, 'Curious User');
    expect((await office.request('GET', '/admin/call-log', { token: user.token })).status).toBe(403);
    expect((await fetch(`${office.baseUrl}/api/v1/admin/call-log.csv`)).status).toBe(401);
  });
});
