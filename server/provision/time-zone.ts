// A time zone as desk phones take it: a standard offset and, where the zone keeps summer time,
// the two yearly changes as "the Nth (or last) weekday of a month, at a local time". Phones
// know no IANA names (or only their own lists), so the office works the rules out from the
// runtime's time zone data for the current year.

/** One yearly change of offset. */
export interface ClockChange {
  /** 1 (January) to 12. */
  month: number;
  /** 1 to 4 for the first to fourth such weekday of the month; 5 for the last one. */
  week: number;
  /** 0 (Sunday) to 6 (Saturday). */
  weekday: number;
  /** Minutes after local midnight, on the clock that is in force until the change. */
  minute: number;
}

export interface TimeZoneRules {
  /** Minutes east of UTC outside summer time. */
  standardOffset: number;
  /** Abbreviations for the POSIX form (letters only, as every phone reads them). */
  standardName: string;
  summer: { saving: number; name: string; start: ClockChange; end: ClockChange } | null;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** UTC offsets in minutes of one zone, read through Intl (`GMT+05:30`, `GMT-3`, `GMT`). */
function offsetReader(zone: string): (at: number) => number {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
  return (at) => {
    const name = format.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
    const match = /^GMT([+-])(\d{1,2})(?::(\d{2}))?$/.exec(name);
    if (!match) return 0;
    const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
    return match[1] === '-' ? -minutes : minutes;
  };
}

/** The zone's own abbreviation at an instant when it is plain letters (EST, CET), else `fallback`. */
function abbreviation(zone: string, at: number, fallback: string): string {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' });
  const name = format.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? '';
  return /^[A-Za-z]{3,6}$/.test(name) ? name.toUpperCase() : fallback;
}

/** The first minute at or after `from` (and before `to`) whose offset differs from `from`'s. */
function changeBetween(offsetAt: (at: number) => number, from: number, to: number): number {
  const before = offsetAt(from);
  let low = from;
  let high = to;
  while (high - low > MINUTE) {
    const middle = low + Math.floor((high - low) / MINUTE / 2) * MINUTE;
    if (offsetAt(middle) === before) low = middle;
    else high = middle;
  }
  return high;
}

/** The change as a rule, read on the clock in force before it. */
function asRule(at: number, offsetBefore: number): ClockChange {
  const local = new Date(at + offsetBefore * MINUTE);
  const day = local.getUTCDate();
  const daysInMonth = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() + 1, 0)).getUTCDate();
  return {
    month: local.getUTCMonth() + 1,
    week: day + 7 > daysInMonth ? 5 : Math.ceil(day / 7),
    weekday: local.getUTCDay(),
    minute: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}

/** The rules of an IANA zone in the given year (zones keep them year to year). */
export function timeZoneRules(zone: string, year: number): TimeZoneRules {
  const offsetAt = offsetReader(zone);
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const changes: { at: number; from: number; to: number }[] = [];
  for (let day = start; day < end; day += DAY) {
    const from = offsetAt(day);
    if (offsetAt(day + DAY) !== from) {
      const at = changeBetween(offsetAt, day, day + DAY);
      changes.push({ at, from, to: offsetAt(at) });
    }
  }
  const [first, second] = changes;
  if (changes.length !== 2 || !first || !second || first.from !== second.to || first.to !== second.from) {
    // No summer time (or a one-off change this year): the offset the year ends with.
    const standardOffset = offsetAt(end);
    return { standardOffset, standardName: abbreviation(zone, end, 'STD'), summer: null };
  }
  // Northern zones go forward first in the year, southern ones back first.
  const [forward, back] = first.to > first.from ? [first, second] : [second, first];
  return {
    standardOffset: forward.from,
    standardName: abbreviation(zone, forward.at - DAY, 'STD'),
    summer: {
      saving: forward.to - forward.from,
      name: abbreviation(zone, forward.at + DAY, 'DST'),
      start: asRule(forward.at, forward.from),
      end: asRule(back.at, back.from),
    },
  };
}

/** `5`, `5:30`: whole minutes as hours and minutes, without a sign. */
function hoursAndMinutes(minutes: number): string {
  const whole = Math.abs(minutes);
  const rest = whole % 60;
  return `${Math.floor(whole / 60)}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`;
}

/** `+1`, `-3:30`, `+0`: an offset east of UTC as phones write it. */
export function signedHours(minutes: number): string {
  return `${minutes < 0 ? '-' : '+'}${hoursAndMinutes(minutes)}`;
}

/**
 * The POSIX TZ string (IEEE 1003.1 §8.3), e.g. `CET-1CEST,M3.5.0/2,M10.5.0/3`: offsets are west
 * of UTC there, so their sign is the opposite of the usual one.
 */
export function posixTimeZone(rules: TimeZoneRules): string {
  const offset = (minutes: number) => `${minutes > 0 ? '-' : ''}${hoursAndMinutes(minutes)}`;
  const standard = `${rules.standardName}${offset(rules.standardOffset)}`;
  if (!rules.summer) return standard;
  const { summer } = rules;
  const change = (rule: ClockChange) =>
    `M${rule.month}.${rule.week}.${rule.weekday}/${hoursAndMinutes(rule.minute)}`;
  return `${standard}${summer.name}${offset(rules.standardOffset + summer.saving)},${change(summer.start)},${change(summer.end)}`;
}
