/**
 * United States federal holidays (5 U.S.C. 6103), computed by rule for any year from 1986 (the first year
 * with Martin Luther King Jr. Day). Juneteenth counts from 2021. A holiday on a Saturday is observed on the
 * Friday before, one on a Sunday on the Monday after (so New Year's Day 2022, a Saturday, is observed on
 * Friday 31 December 2021, and that day belongs to 2021's list).
 */
import { civilDate, dayNumber, isoDate, lastWeekday, nthWeekday, weekday, type CivilDate } from './civil-date.js';

const MONDAY = 1;
const THURSDAY = 4;

/** The first year this calendar covers. */
export const US_FEDERAL_FIRST_YEAR = 1986;

/** The holidays of `year` as defined (before moving weekend days), with their names. */
function definedHolidays(year: number): { name: string; date: CivilDate }[] {
  const fixed = (month: number, day: number): CivilDate => ({ year, month, day });
  const list = [
    { name: "New Year's Day", date: fixed(1, 1) },
    { name: 'Birthday of Martin Luther King, Jr.', date: nthWeekday(year, 1, MONDAY, 3) },
    { name: "Washington's Birthday", date: nthWeekday(year, 2, MONDAY, 3) },
    { name: 'Memorial Day', date: lastWeekday(year, 5, MONDAY) },
    { name: 'Juneteenth National Independence Day', date: fixed(6, 19) },
    { name: 'Independence Day', date: fixed(7, 4) },
    { name: 'Labor Day', date: nthWeekday(year, 9, MONDAY, 1) },
    { name: 'Columbus Day', date: nthWeekday(year, 10, MONDAY, 2) },
    { name: 'Veterans Day', date: fixed(11, 11) },
    { name: 'Thanksgiving Day', date: nthWeekday(year, 11, THURSDAY, 4) },
    { name: 'Christmas Day', date: fixed(12, 25) },
  ];
  return year >= 2021 ? list : list.filter((holiday) => !holiday.name.startsWith('Juneteenth'));
}

/** Saturday → the Friday before; Sunday → the Monday after. */
function observed(date: CivilDate): CivilDate {
  const day = weekday(date);
  if (day === 6) return civilDate(dayNumber(date) - 1);
  if (day === 0) return civilDate(dayNumber(date) + 1);
  return date;
}

/**
 * The observed federal holidays that fall in `year`, as `YYYY-MM-DD` with names, in date order; undefined
 * for years before 1986.
 *
 * @example
 * usFederalHolidays(2024)?.find((h) => h.name === 'Thanksgiving Day')?.date; // '2024-11-28'
 */
export function usFederalHolidays(year: number): { name: string; date: string }[] | undefined {
  if (year < US_FEDERAL_FIRST_YEAR) return undefined;
  return [year, year + 1]
    .filter((source) => source >= US_FEDERAL_FIRST_YEAR)
    .flatMap((source) => definedHolidays(source))
    .map((holiday) => ({ name: holiday.name, date: observed(holiday.date) }))
    .filter((holiday) => holiday.date.year === year)
    .map((holiday) => ({ name: holiday.name, date: isoDate(holiday.date) }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
