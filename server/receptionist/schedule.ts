// Which of a receptionist's menus answers at an instant: the holiday menu on a listed day, the
// open menu within the weekday's opening spans, the closed menu otherwise — all read on the
// company's clock in its time zone.
import type { BusinessHours, Holiday, ReceptionistNow, Weekday } from '../../common/api/receptionists';
import { isoAt } from '../time';

interface Schedule {
  hours: BusinessHours;
  holidays: Holiday[];
  openMenu: string;
  closedMenu: string;
  holidayMenu: string;
}

const WEEKDAY_OF: Record<string, Weekday> = {
  Mon: 'mon',
  Tue: 'tue',
  Wed: 'wed',
  Thu: 'thu',
  Fri: 'fri',
  Sat: 'sat',
  Sun: 'sun',
};

/** The company's wall clock at `instant`: its date, minutes since midnight and weekday. */
export function localClock(
  instant: number,
  timeZone: string,
): { date: string; minutes: number; weekday: Weekday } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    weekday: WEEKDAY_OF[parts.weekday!]!,
  };
}

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The menu for a call arriving at `instant`, and why. */
export function menuAt(schedule: Schedule, timeZone: string, instant: number): ReceptionistNow {
  const clock = localClock(instant, timeZone);
  const hh = String(Math.floor(clock.minutes / 60)).padStart(2, '0');
  const mm = String(clock.minutes % 60).padStart(2, '0');
  const base = { at: isoAt(instant), timeZone, localTime: `${clock.date} ${hh}:${mm}` };
  // ISO dates compare as strings.
  const holiday = schedule.holidays.find(
    (day) => day.from <= clock.date && clock.date <= (day.to ?? day.from),
  );
  if (holiday) return { ...base, state: 'holiday', holiday: holiday.name, menu: schedule.holidayMenu };
  const open = schedule.hours[clock.weekday].some(
    (span) => minutesOf(span.from) <= clock.minutes && clock.minutes < minutesOf(span.to),
  );
  return {
    ...base,
    state: open ? 'open' : 'closed',
    holiday: null,
    menu: open ? schedule.openMenu : schedule.closedMenu,
  };
}
