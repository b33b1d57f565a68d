/**
 * Holiday calendars by name, as rules refer to them (`calendar: us-federal`), and business-day tests.
 */
import { isoDate, weekday, type CivilDate } from './civil-date.js';
import { DE_NATIONAL, GB_ENGLAND_WALES, JP_NATIONAL, type HolidayList } from './holiday-lists.js';
import { usFederalHolidays } from './us-federal.js';

export const CALENDAR_IDS = ['us-federal', 'jp-national', 'gb-eng', 'de-national'] as const;
export type CalendarId = (typeof CALENDAR_IDS)[number];

export interface HolidayCalendar {
  id: CalendarId;
  name: string;
  /** Days of the week that are never business days (0 = Sunday). */
  weekend: readonly number[];
  /** The holidays of a year (`YYYY-MM-DD`), or undefined when the calendar does not cover that year. */
  holidays(year: number): ReadonlySet<string> | undefined;
}

function fromList(list: HolidayList): (year: number) => ReadonlySet<string> | undefined {
  const sets = new Map<number, ReadonlySet<string>>();
  for (const [year, dates] of Object.entries(list)) sets.set(Number(year), new Set(dates));
  return (year) => sets.get(year);
}

function computedUs(): (year: number) => ReadonlySet<string> | undefined {
  const cache = new Map<number, ReadonlySet<string> | undefined>();
  return (year) => {
    if (!cache.has(year)) cache.set(year, mapOrUndefined(usFederalHolidays(year)));
    return cache.get(year);
  };
}

function mapOrUndefined(list: { date: string }[] | undefined): ReadonlySet<string> | undefined {
  return list === undefined ? undefined : new Set(list.map((holiday) => holiday.date));
}

const WEEKEND = [0, 6];

const CALENDARS: Record<CalendarId, HolidayCalendar> = {
  'us-federal': { id: 'us-federal', name: 'US federal holidays', weekend: WEEKEND, holidays: computedUs() },
  'jp-national': {
    id: 'jp-national',
    name: 'Japanese national holidays',
    weekend: WEEKEND,
    holidays: fromList(JP_NATIONAL),
  },
  'gb-eng': {
    id: 'gb-eng',
    name: 'Bank holidays in England and Wales',
    weekend: WEEKEND,
    holidays: fromList(GB_ENGLAND_WALES),
  },
  'de-national': {
    id: 'de-national',
    name: 'German national holidays',
    weekend: WEEKEND,
    holidays: fromList(DE_NATIONAL),
  },
};

/**
 * True for a known calendar name.
 *
 * @example
 * isCalendarId('us-federal'); // true
 */
export function isCalendarId(id: string): id is CalendarId {
  return (CALENDAR_IDS as readonly string[]).includes(id);
}

/**
 * The calendar with that name.
 *
 * @example
 * holidayCalendar('gb-eng').holidays(2025)?.has('2025-12-26'); // true
 */
export function holidayCalendar(id: CalendarId): HolidayCalendar {
  return CALENDARS[id];
}

export interface BusinessDayAnswer {
  business: boolean;
  /** False when the calendar has no holiday list for that year (only weekends were checked). */
  covered: boolean;
  holiday: boolean;
}

/**
 * Whether a date is a business day in a calendar.
 *
 * @example
 * isBusinessDay({ year: 2024, month: 11, day: 28 }, holidayCalendar('us-federal')).business; // false
 */
export function isBusinessDay(date: CivilDate, calendar: HolidayCalendar): BusinessDayAnswer {
  const holidays = calendar.holidays(date.year);
  const holiday = holidays?.has(isoDate(date)) ?? false;
  const weekendDay = calendar.weekend.includes(weekday(date));
  return { business: !weekendDay && !holiday, covered: holidays !== undefined, holiday };
}
