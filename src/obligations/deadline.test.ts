import { describe, expect, it } from 'vitest';
import { holidayCalendar } from './calendars/calendar.js';
import { addDuration } from './deadline.js';
import { formatInZone } from './time-zone.js';

const at = (iso: string): number => Date.parse(iso);
const local = (result: { at: number }, zone: string): string => formatInZone(result.at, zone);
const us = holidayCalendar('us-federal');

describe('deadlines', () => {
  it('counts hours as elapsed time, weekends and clock changes included', () => {
    // Saturday 09:00 BST, the night before the clocks go back: 72 hours later is Tuesday 08:00 GMT.
    const result = addDuration(at('2025-10-25T08:00:00Z'), { amount: 72, unit: 'h' }, { timeZone: 'Europe/London' });
    expect(new Date(result.at).toISOString()).toBe('2025-10-28T08:00:00.000Z');
    expect(local(result, 'Europe/London')).toBe('2025-10-28T08:00:00.000+00:00');
  });

  it('keeps the local time of day when counting calendar days across a daylight-saving change', () => {
    const result = addDuration(at('2025-03-15T09:00:00Z'), { amount: 30, unit: 'd' }, { timeZone: 'Europe/Berlin' });
    expect(local(result, 'Europe/Berlin')).toBe('2025-04-14T10:00:00.000+02:00');
    expect(result.at - at('2025-03-15T09:00:00Z')).toBe(30 * 24 * 3_600_000 - 3_600_000);
  });

  it('counts calendar months on the wall clock and clamps the day to the month', () => {
    expect(
      local(
        addDuration(at('2026-10-24T10:00:00Z'), { amount: 1, unit: 'mo' }, { timeZone: 'Europe/Amsterdam' }),
        'Europe/Amsterdam',
      ),
    ).toBe('2026-11-24T12:00:00.000+01:00');
    expect(local(addDuration(at('2027-01-31T12:00:00Z'), { amount: 1, unit: 'mo' }, { timeZone: 'UTC' }), 'UTC')).toBe(
      '2027-02-28T12:00:00.000+00:00',
    );
    expect(local(addDuration(at('2028-01-31T12:00:00Z'), { amount: 1, unit: 'mo' }, { timeZone: 'UTC' }), 'UTC')).toBe(
      '2028-02-29T12:00:00.000+00:00',
    );
  });

  it('skips Thanksgiving for four US business days from the Wednesday before it', () => {
    const result = addDuration(
      at('2024-11-27T20:00:00Z'),
      { amount: 4, unit: 'bd' },
      { timeZone: 'America/New_York', calendar: us, endOfDay: true },
    );
    // Thu 28 is Thanksgiving; Fri 29 (1), Mon 2 (2), Tue 3 (3), Wed 4 December (4).
    expect(local(result, 'America/New_York')).toBe('2024-12-04T23:59:59.999-05:00');
    expect(result.warnings).toEqual([]);
  });

  it('counts business days from a weekend determination starting on Monday', () => {
    const result = addDuration(
      at('2025-06-14T15:00:00Z'),
      { amount: 4, unit: 'bd' },
      { timeZone: 'America/New_York', calendar: us, endOfDay: true },
    );
    // Sat 14 June: Mon 16 (1), Tue 17 (2), Wed 18 (3), Thu 19 is Juneteenth, Fri 20 (4).
    expect(local(result, 'America/New_York')).toBe('2025-06-20T23:59:59.999-04:00');
  });

  it('counts business days in the local time zone, not in UTC', () => {
    // 22:00 on Friday in New York is already Saturday in UTC: the count still starts from Friday.
    const result = addDuration(
      at('2025-03-08T03:00:00Z'),
      { amount: 1, unit: 'bd' },
      { timeZone: 'America/New_York', calendar: us, endOfDay: true },
    );
    expect(local(result, 'America/New_York')).toBe('2025-03-10T23:59:59.999-04:00');
  });

  it('ends day counts at the end of the last local day (Singapore: day 1 is the day after)', () => {
    const result = addDuration(
      at('2026-10-23T15:00:00Z'),
      { amount: 3, unit: 'd' },
      { timeZone: 'Asia/Singapore', endOfDay: true },
    );
    expect(new Date(result.at).toISOString()).toBe('2026-10-26T15:59:59.999Z');
  });

  it('warns when a holiday list does not cover a year it counts through', () => {
    const result = addDuration(
      at('2029-12-28T09:00:00Z'),
      { amount: 3, unit: 'bd' },
      { timeZone: 'Europe/London', calendar: holidayCalendar('gb-eng') },
    );
    expect(result.warnings).toEqual([
      'calendar gb-eng has no holiday list for 2029: only weekends were skipped',
      'calendar gb-eng has no holiday list for 2030: only weekends were skipped',
    ]);
  });

  it('needs a calendar for business days', () => {
    expect(() => addDuration(0, { amount: 1, unit: 'bd' }, { timeZone: 'UTC' })).toThrow(/holiday calendar/);
  });
});
