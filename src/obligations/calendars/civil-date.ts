/**
 * Dates without a time or zone ("civil" dates), counted as whole days since 1970-01-01 so that adding days
 * never meets a daylight-saving change.
 */

export interface CivilDate {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;

/**
 * Days since 1970-01-01.
 *
 * @example
 * dayNumber({ year: 1970, month: 1, day: 2 }); // 1
 */
export function dayNumber(date: CivilDate): number {
  return Date.UTC(date.year, date.month - 1, date.day) / DAY_MS;
}

/**
 * The civil date of a day number.
 *
 * @example
 * civilDate(1); // { year: 1970, month: 1, day: 2 }
 */
export function civilDate(days: number): CivilDate {
  const date = new Date(days * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/**
 * `YYYY-MM-DD`.
 *
 * @example
 * isoDate({ year: 2024, month: 11, day: 28 }); // '2024-11-28'
 */
export function isoDate(date: CivilDate): string {
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month)}-${pad(date.day)}`;
}

/**
 * Day of the week, 0 = Sunday ... 6 = Saturday.
 *
 * @example
 * weekday({ year: 2024, month: 11, day: 28 }); // 4 (Thursday)
 */
export function weekday(date: CivilDate): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

/**
 * The `n`-th given weekday of a month (n = 1..5), e.g. the fourth Thursday of November.
 *
 * @example
 * nthWeekday(2024, 11, 4, 4); // { year: 2024, month: 11, day: 28 }
 */
export function nthWeekday(year: number, month: number, day: number, n: number): CivilDate {
  const first = weekday({ year, month, day: 1 });
  return { year, month, day: 1 + ((day - first + 7) % 7) + (n - 1) * 7 };
}

/**
 * The last given weekday of a month, e.g. the last Monday of May.
 *
 * @example
 * lastWeekday(2025, 5, 1); // { year: 2025, month: 5, day: 26 }
 */
export function lastWeekday(year: number, month: number, day: number): CivilDate {
  const last = civilDate(dayNumber({ year, month: month + 1, day: 1 }) - 1);
  return { year, month, day: last.day - ((weekday(last) - day + 7) % 7) };
}

/**
 * Easter Sunday (Gregorian; the anonymous "Meeus/Jones/Butcher" algorithm). Used to check the holiday lists.
 *
 * @example
 * easterSunday(2025); // { year: 2025, month: 4, day: 20 }
 */
export function easterSunday(year: number): CivilDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}
