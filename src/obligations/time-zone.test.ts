import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatInZone, instantOf, isValidTimeZone, offsetAt, wallTimeAt } from './time-zone.js';

const wall = (year: number, month: number, day: number, hour: number, minute = 0) => ({
  year,
  month,
  day,
  hour,
  minute,
  second: 0,
  millisecond: 0,
});

describe('time zones', () => {
  it('knows IANA zones and refuses others', () => {
    expect(isValidTimeZone('Asia/Tokyo')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });

  it('gives the wall time on both sides of a daylight-saving change', () => {
    expect(wallTimeAt(Date.parse('2025-03-30T00:30:00Z'), 'Europe/London').hour).toBe(0);
    expect(wallTimeAt(Date.parse('2025-03-30T01:30:00Z'), 'Europe/London').hour).toBe(2);
    expect(offsetAt(Date.parse('2025-07-01T00:00:00Z'), 'America/New_York')).toBe(-4 * 3_600_000);
    expect(offsetAt(Date.parse('2025-12-01T00:00:00Z'), 'America/New_York')).toBe(-5 * 3_600_000);
  });

  it('finds the instant of a local time in summer and in winter', () => {
    expect(instantOf(wall(2025, 7, 1, 12), 'Europe/London')).toBe(Date.parse('2025-07-01T11:00:00Z'));
    expect(instantOf(wall(2025, 12, 1, 12), 'Europe/London')).toBe(Date.parse('2025-12-01T12:00:00Z'));
    expect(instantOf(wall(2021, 6, 1, 22, 30), 'Asia/Tokyo')).toBe(Date.parse('2021-06-01T13:30:00Z'));
  });

  it('moves a time that does not exist forward by the gap, and takes the earlier of a time that occurs twice', () => {
    // 01:30 on 30 March 2025 does not exist in London (clocks jump from 01:00 to 02:00).
    expect(formatInZone(instantOf(wall(2025, 3, 30, 1, 30), 'Europe/London'), 'Europe/London')).toBe(
      '2025-03-30T02:30:00.000+01:00',
    );
    // 01:30 on 26 October 2025 occurs twice: first in BST (00:30Z), then in GMT (01:30Z).
    expect(instantOf(wall(2025, 10, 26, 1, 30), 'Europe/London')).toBe(Date.parse('2025-10-26T00:30:00Z'));
  });

  it('writes local times with their offset', () => {
    expect(formatInZone(Date.parse('2021-06-01T13:30:00Z'), 'Asia/Tokyo')).toBe('2021-06-01T22:30:00.000+09:00');
    expect(formatInZone(Date.parse('2024-12-05T04:59:59.999Z'), 'America/New_York')).toBe(
      '2024-12-04T23:59:59.999-05:00',
    );
    expect(formatInZone(Date.parse('2025-01-01T00:00:00Z'), 'Asia/Kolkata')).toBe('2025-01-01T05:30:00.000+05:30');
  });

  it('maps any instant to a wall time and back to an instant with the same wall time', () => {
    const zones = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Tokyo', 'Europe/Berlin'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2020-01-01'), max: Date.parse('2030-01-01') }),
        fc.constantFrom(...zones),
        (instant, zone) => {
          const local = wallTimeAt(instant, zone);
          expect(wallTimeAt(instantOf(local, zone), zone)).toEqual(local);
        },
      ),
    );
  });
});
