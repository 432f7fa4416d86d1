import { describe, expect, it } from 'vitest';
import { localClock, menuAt } from './schedule';

const NONE = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
const schedule = {
  hours: { ...NONE, fri: [{ from: '09:00', to: '18:00' }], sat: [{ from: '10:00', to: '24:00' }] },
  holidays: [{ name: 'New Year', from: '2027-01-01' }],
  openMenu: 'open',
  closedMenu: 'closed',
  holidayMenu: 'holiday',
};

describe('which menu answers', () => {
  it('reads the wall clock of the company’s zone, across daylight saving', () => {
    // 1 July 2026 06:30 UTC is 08:30 in Paris (summer time), 1 January 07:30 UTC too (winter).
    expect(localClock(Date.parse('2026-07-01T06:30:00Z'), 'Europe/Paris')).toEqual({
      date: '2026-07-01',
      minutes: 8 * 60 + 30,
      weekday: 'wed',
    });
    expect(localClock(Date.parse('2026-01-01T07:30:00Z'), 'Europe/Paris').minutes).toBe(8 * 60 + 30);
  });

  it('is open from the span’s start until just before its end, and the holiday all day', () => {
    const at = (iso: string) => menuAt(schedule, 'Europe/Madrid', Date.parse(iso));
    // Friday 11 December 2026: Madrid is UTC+1.
    expect(at('2026-12-11T07:59:00Z').menu).toBe('closed');
    expect(at('2026-12-11T08:00:00Z').menu).toBe('open');
    expect(at('2026-12-11T16:59:00Z').menu).toBe('open');
    expect(at('2026-12-11T17:00:00Z').menu).toBe('closed');
    // Saturday until midnight.
    expect(at('2026-12-12T22:59:00Z').menu).toBe('open');
    // New Year's Day is a Friday: the holiday wins over the opening hours.
    expect(at('2027-01-01T10:00:00Z')).toMatchObject({
      state: 'holiday',
      holiday: 'New Year',
      menu: 'holiday',
    });
  });
});
