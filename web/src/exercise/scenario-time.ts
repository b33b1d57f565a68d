/**
 * Scenario time as people in the scenario read it: the wall clock of the place it starts in (the offset of the
 * scenario's `start`, e.g. +09:00 for Tokyo), and how far into the incident it is ("Day 2, +1 d 10 h").
 */
import { formatScenarioDuration } from '../../../src/exercise/duration';

const DAY = 86_400_000;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The offset of an ISO time in minutes (`+09:00` is 540; `Z` or none is 0). */
export function offsetMinutes(iso: string): number {
  const match = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}

/** "UTC+9", "UTC-5:30", "UTC". */
export function zoneLabel(iso: string): string {
  const minutes = offsetMinutes(iso);
  if (minutes === 0) return 'UTC';
  const abs = Math.abs(minutes);
  return `UTC${minutes < 0 ? '-' : '+'}${Math.floor(abs / 60)}${abs % 60 ? `:${String(abs % 60).padStart(2, '0')}` : ''}`;
}

const two = (n: number) => String(n).padStart(2, '0');

/** The scenario's local date and time `elapsed` ms after its start: "Tue 1 Jun 2021", "23:35". */
export function scenarioClock(start: string, elapsed: number): { date: string; time: string; zone: string } {
  const local = new Date(Date.parse(start) + elapsed + offsetMinutes(start) * 60_000);
  return {
    date: `${WEEKDAYS[local.getUTCDay()] ?? ''} ${local.getUTCDate()} ${MONTHS[local.getUTCMonth()] ?? ''} ${local.getUTCFullYear()}`,
    time: `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`,
    zone: zoneLabel(start),
  };
}

const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "June 2021": when the real case the scenario starts from happened. */
export function scenarioMonth(start: string): string {
  const local = new Date(Date.parse(start) + offsetMinutes(start) * 60_000);
  return `${LONG_MONTHS[local.getUTCMonth()] ?? ''} ${local.getUTCFullYear()}`;
}

/** "Day 1" for the first 24 hours of the scenario, "Day 2" for the next... */
export const scenarioDay = (elapsed: number): number => Math.floor(Math.max(0, elapsed) / DAY) + 1;

/** "+2 h 35 min" since the start. */
export const sinceStart = (elapsed: number): string => `+${formatScenarioDuration(Math.max(0, elapsed))}`;

/** A scenario duration for people ("3 d", "1 d 4 h", "35 min"); "—" when it did not happen. */
export const span = (ms: number | null): string => (ms === null ? '—' : formatScenarioDuration(ms));
