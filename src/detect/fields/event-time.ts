/**
 * Time of an event, taken from the event itself (never from the wall clock), so that replaying logs gives the
 * same alerts. Timestamps without a zone are read as UTC.
 */
import type { EventRecord } from './event-view.js';

/** Fields tried in order when no time field is configured. */
export const DEFAULT_TIME_FIELDS: readonly string[] = [
  '@timestamp',
  'TimeCreated_SystemTime',
  'UtcTime',
  'TimeCreated',
  'EventTime',
  'timestamp',
  'time',
];

const NO_ZONE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * Milliseconds since the epoch for a timestamp value: ISO 8601 text (a space may separate date and time; no
 * zone means UTC), or a number (seconds below 1e11, else milliseconds).
 *
 * @example
 * parseTime('2020-10-18 03:38:05.959'); // 1602992285959
 */
export function parseTime(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? (value < 1e11 ? value * 1000 : value) : undefined;
  if (typeof value !== 'string' || value === '') return undefined;
  const text = value.trim();
  const iso = NO_ZONE.test(text) ? `${text.replace(' ', 'T')}Z` : text;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * The event's time from the first field that holds a readable timestamp.
 *
 * @example
 * eventTime({ UtcTime: '2024-01-01 10:00:00.000' }); // 1704103200000
 */
export function eventTime(record: EventRecord, fields: readonly string[] = DEFAULT_TIME_FIELDS): number | undefined {
  for (const field of fields) {
    const ms = parseTime(record[field]);
    if (ms !== undefined) return ms;
  }
  return undefined;
}

/** ISO week number (1-53) of a UTC date. */
function isoWeek(date: Date): number {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  return Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
}

/**
 * One part of a timestamp for the time modifiers (minute, hour, day of month, ISO week, month, year), in UTC.
 *
 * @example
 * timePart(parseTime('2024-03-05T22:10:00Z')!, 'hour'); // 22
 */
export function timePart(ms: number, part: 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year'): number {
  const date = new Date(ms);
  switch (part) {
    case 'minute':
      return date.getUTCMinutes();
    case 'hour':
      return date.getUTCHours();
    case 'day':
      return date.getUTCDate();
    case 'week':
      return isoWeek(date);
    case 'month':
      return date.getUTCMonth() + 1;
    case 'year':
      return date.getUTCFullYear();
  }
}
