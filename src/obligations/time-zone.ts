/**
 * Wall-clock time in IANA time zones with `Intl.DateTimeFormat` only (no library): the local date and time of
 * an instant, and the instant of a local date and time, correct across daylight-saving changes.
 */

/** A local date and time in some time zone. Months are 1-12. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * True when `Intl` knows the zone.
 *
 * @example
 * isValidTimeZone('Asia/Tokyo'); // true
 * isValidTimeZone('Mars/Olympus'); // false
 */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The local date and time of an instant in a zone.
 *
 * @example
 * wallTimeAt(Date.parse('2025-03-30T01:30:00Z'), 'Europe/London').hour; // 2 (BST)
 */
export function wallTimeAt(instant: number, timeZone: string): WallTime {
  const values: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  const millisecond = ((instant % 1000) + 1000) % 1000;
  return {
    year: values['year'] ?? 1970,
    month: values['month'] ?? 1,
    day: values['day'] ?? 1,
    hour: values['hour'] ?? 0,
    minute: values['minute'] ?? 0,
    second: values['second'] ?? 0,
    millisecond,
  };
}

function wallAsUtc(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
}

/**
 * The zone's offset from UTC at an instant, in milliseconds (`+09:00` is 32,400,000).
 *
 * @example
 * offsetAt(Date.parse('2025-07-01T00:00:00Z'), 'Europe/London'); // 3_600_000
 */
export function offsetAt(instant: number, timeZone: string): number {
  return wallAsUtc(wallTimeAt(instant, timeZone)) - instant;
}

function sameWall(a: WallTime, b: WallTime): boolean {
  return wallAsUtc(a) === wallAsUtc(b);
}

/**
 * The instant of a local date and time. A time that occurs twice (clocks go back) resolves to the earlier
 * instant; a time that does not exist (clocks go forward) moves forward by the gap (01:30 becomes 02:30 BST).
 *
 * @example
 * instantOf({ year: 2025, month: 3, day: 30, hour: 12, minute: 0, second: 0, millisecond: 0 }, 'Europe/London');
 * // Date.parse('2025-03-30T11:00:00Z')
 */
export function instantOf(wall: WallTime, timeZone: string): number {
  const asUtc = wallAsUtc(wall);
  const dayMs = 86_400_000;
  const before = offsetAt(asUtc - dayMs, timeZone);
  const after = offsetAt(asUtc + dayMs, timeZone);
  const candidates = [asUtc - before, asUtc - after].filter((instant) => sameWall(wallTimeAt(instant, timeZone), wall));
  if (candidates.length > 0) return Math.min(...candidates);
  return asUtc - before;
}

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/**
 * An instant as ISO-8601 local time with the zone's offset, e.g. `2024-12-04T23:59:59.999-05:00`.
 *
 * @example
 * formatInZone(Date.parse('2021-06-01T13:30:00Z'), 'Asia/Tokyo'); // '2021-06-01T22:30:00.000+09:00'
 */
export function formatInZone(instant: number, timeZone: string): string {
  const wall = wallTimeAt(instant, timeZone);
  const offsetMinutes = Math.round(offsetAt(instant, timeZone) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const date = `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
  const time = `${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}.${pad(wall.millisecond, 3)}`;
  return `${date}T${time}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
