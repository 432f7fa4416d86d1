import { describe, expect, it } from 'vitest';
import { posixTimeZone, signedHours, timeZoneRules } from './time-zone';

describe('time zone rules for desk phones', () => {
  it.each([
    // zone, POSIX form (abbreviations as the runtime gives them, else STD/DST)
    ['America/New_York', 'EST5EDT4,M3.2.0/2,M11.1.0/2'],
    ['Europe/London', 'GMT0DST-1,M3.5.0/1,M10.5.0/2'],
    // Southern hemisphere: summer starts in October and ends in April of the next year.
    ['Australia/Sydney', 'STD-10DST-11,M10.1.0/2,M4.1.0/3'],
    // Chile changes at midnight (24:00 on Saturday in the zone data).
    ['America/Santiago', 'STD4DST3,M9.1.0/0,M4.1.0/0'],
    // Half-hour offsets and no summer time.
    ['Asia/Kolkata', 'STD-5:30'],
    ['UTC', 'UTC0'],
  ])('%s is %s', (zone, posix) => {
    expect(posixTimeZone(timeZoneRules(zone, 2026))).toBe(posix);
  });

  it('reads a change as the last (week 5) or the nth weekday of its month, on the clock before it', () => {
    const rules = timeZoneRules('Europe/Madrid', 2026);
    expect(rules.standardOffset).toBe(60);
    expect(rules.summer).toMatchObject({
      saving: 60,
      start: { month: 3, week: 5, weekday: 0, minute: 120 },
      end: { month: 10, week: 5, weekday: 0, minute: 180 },
    });
    expect(timeZoneRules('America/New_York', 2027).summer!.start).toEqual({
      month: 3,
      week: 2,
      weekday: 0,
      minute: 120,
    });
  });

  it('writes offsets as phones do', () => {
    expect([signedHours(60), signedHours(-300), signedHours(330), signedHours(-210), signedHours(0)]).toEqual(
      ['+1', '-5', '+5:30', '-3:30', '+0'],
    );
  });
});
