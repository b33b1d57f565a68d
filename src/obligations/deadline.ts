/**
 * Deadline arithmetic: an anchor instant plus a duration, on the wall clock of a time zone. Hours are elapsed
 * time; calendar days, business days and months keep the local time of day (so 30 days from 10:00 is 10:00,
 * whether or not the clocks changed in between), or end at the end of the local day with `endOfDay`.
 */
import { isBusinessDay, type HolidayCalendar } from './calendars/calendar.js';
import { civilDate, dayNumber, type CivilDate } from './calendars/civil-date.js';
import type { Duration } from './duration.js';
import { instantOf, wallTimeAt, type WallTime } from './time-zone.js';

export interface DeadlineOptions {
  /** IANA zone whose wall clock counts days (UTC when the rule names none). */
  timeZone: string;
  /** Needed for business days. */
  calendar?: HolidayCalendar | undefined;
  /** Day-based clocks end at the end of the last local day (23:59:59.999) rather than at the anchor's time. */
  endOfDay?: boolean | undefined;
}

export interface ComputedDeadline {
  /** Epoch milliseconds. */
  at: number;
  /** E.g. a holiday calendar that does not cover a year the count went through. */
  warnings: string[];
}

const HOUR_MS = 3_600_000;

/**
 * The deadline `duration` after `start`.
 *
 * @example
 * // A materiality determination on the Wednesday before Thanksgiving 2024, four US business days:
 * addDuration(Date.parse('2024-11-27T15:00:00Z'), { amount: 4, unit: 'bd' },
 *   { timeZone: 'America/New_York', calendar: holidayCalendar('us-federal'), endOfDay: true });
 * // at: 2024-12-04T23:59:59.999-05:00 (Thursday 28 is Thanksgiving)
 */
export function addDuration(start: number, duration: Duration, options: DeadlineOptions): ComputedDeadline {
  if (duration.unit === 'h') return { at: start + duration.amount * HOUR_MS, warnings: [] };
  const wall = wallTimeAt(start, options.timeZone);
  const from: CivilDate = { year: wall.year, month: wall.month, day: wall.day };
  const warnings: string[] = [];
  let target: CivilDate;
  if (duration.unit === 'd') target = civilDate(dayNumber(from) + duration.amount);
  else if (duration.unit === 'mo') target = addMonths(from, duration.amount);
  else target = addBusinessDays(from, duration.amount, requireCalendar(options.calendar), warnings);
  return { at: atLocalTime(target, wall, options), warnings };
}

function requireCalendar(calendar: HolidayCalendar | undefined): HolidayCalendar {
  if (!calendar) throw new Error('addDuration: business days need a holiday calendar');
  return calendar;
}

function atLocalTime(date: CivilDate, time: WallTime, options: DeadlineOptions): number {
  if (options.endOfDay) {
    const next = civilDate(dayNumber(date) + 1);
    return instantOf({ ...next, hour: 0, minute: 0, second: 0, millisecond: 0 }, options.timeZone) - 1;
  }
  return instantOf({ ...time, ...date }, options.timeZone);
}

/** Calendar months; the day is clamped to the month's length (31 January + 1 month = 28/29 February). */
function addMonths(date: CivilDate, months: number): CivilDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const length = civilDate(dayNumber({ year, month: month + 1, day: 1 }) - 1).day;
  return { year, month, day: Math.min(date.day, length) };
}

/** Counts `count` business days after `date` (the day itself is not counted, whatever it is). */
function addBusinessDays(date: CivilDate, count: number, calendar: HolidayCalendar, warnings: string[]): CivilDate {
  let day = dayNumber(date);
  let remaining = count;
  const uncovered = new Set<number>();
  while (remaining > 0) {
    day += 1;
    const current = civilDate(day);
    const answer = isBusinessDay(current, calendar);
    if (!answer.covered) uncovered.add(current.year);
    if (answer.business) remaining -= 1;
  }
  for (const year of uncovered) {
    warnings.push(`calendar ${calendar.id} has no holiday list for ${year}: only weekends were skipped`);
  }
  return civilDate(day);
}
