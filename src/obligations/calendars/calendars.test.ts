import { describe, expect, it } from 'vitest';
import { CALENDAR_IDS, holidayCalendar, isBusinessDay } from './calendar.js';
import { easterSunday, isoDate, weekday, dayNumber, civilDate } from './civil-date.js';
import { DE_NATIONAL, GB_ENGLAND_WALES, JP_NATIONAL } from './holiday-lists.js';
import { usFederalHolidays } from './us-federal.js';

const shift = (iso: string, days: number): string => {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return isoDate(civilDate(dayNumber({ year, month, day }) + days));
};
const weekdayOf = (iso: string): number => {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return weekday({ year, month, day });
};

describe('US federal holidays', () => {
  it('computes 2025 by rule', () => {
    expect(usFederalHolidays(2025)?.map((holiday) => holiday.date)).toEqual([
      '2025-01-01',
      '2025-01-20',
      '2025-02-17',
      '2025-05-26',
      '2025-06-19',
      '2025-07-04',
      '2025-09-01',
      '2025-10-13',
      '2025-11-11',
      '2025-11-27',
      '2025-12-25',
    ]);
  });

  it('moves Saturday holidays to Friday and Sunday holidays to Monday', () => {
    const dates = (year: number) => usFederalHolidays(year)?.map((holiday) => holiday.date) ?? [];
    expect(dates(2021)).toContain('2021-06-18'); // Juneteenth 2021 fell on a Saturday
    expect(dates(2021)).toContain('2021-07-05'); // Independence Day on a Sunday
    expect(dates(2021)).toContain('2021-12-24'); // Christmas on a Saturday
    expect(dates(2021)).toContain('2021-12-31'); // New Year's Day 2022 (a Saturday) is observed in 2021
    expect(dates(2022)).not.toContain('2022-01-01');
    expect(dates(2026)).toContain('2026-07-03');
    expect(dates(2027)).toEqual(expect.arrayContaining(['2027-06-18', '2027-07-05', '2027-12-24', '2027-12-31']));
  });

  it('knows Thanksgiving and has no Juneteenth before 2021', () => {
    expect(usFederalHolidays(2024)?.find((holiday) => holiday.name === 'Thanksgiving Day')?.date).toBe('2024-11-28');
    expect(usFederalHolidays(2020)?.some((holiday) => holiday.name.startsWith('Juneteenth'))).toBe(false);
    expect(usFederalHolidays(1985)).toBeUndefined();
  });

  it('has ten or eleven weekday holidays a year for many years', () => {
    for (let year = 2021; year <= 2060; year += 1) {
      const list = usFederalHolidays(year) ?? [];
      expect(list.length).toBeGreaterThanOrEqual(10);
      expect(list.length).toBeLessThanOrEqual(12);
      for (const holiday of list) expect([0, 6]).not.toContain(weekdayOf(holiday.date));
    }
  });
});

describe('holiday lists', () => {
  it('cover 2021 and 2025-2027', () => {
    for (const list of [JP_NATIONAL, GB_ENGLAND_WALES, DE_NATIONAL])
      expect(Object.keys(list)).toEqual(['2021', '2025', '2026', '2027']);
  });

  it('put Good Friday and Easter Monday where Easter puts them (England and Wales, Germany)', () => {
    for (const year of [2021, 2025, 2026, 2027]) {
      const easter = isoDate(easterSunday(year));
      for (const list of [GB_ENGLAND_WALES, DE_NATIONAL])
        expect(list[year]).toEqual(expect.arrayContaining([shift(easter, -2), shift(easter, 1)]));
      expect(DE_NATIONAL[year]).toEqual(expect.arrayContaining([shift(easter, 39), shift(easter, 50)])); // Ascension, Whit Monday
    }
  });

  it('have English substitute days on weekdays only', () => {
    for (const dates of Object.values(GB_ENGLAND_WALES))
      for (const date of dates) expect([0, 6]).not.toContain(weekdayOf(date));
  });

  it('include the Japanese Olympic moves of 2021 and the substitute holidays', () => {
    expect(JP_NATIONAL[2021]).toEqual(expect.arrayContaining(['2021-07-22', '2021-07-23', '2021-08-09']));
    expect(JP_NATIONAL[2021]).not.toContain('2021-10-11');
    expect(JP_NATIONAL[2025]).toEqual(expect.arrayContaining(['2025-02-24', '2025-05-06', '2025-11-24']));
    expect(JP_NATIONAL[2026]).toContain('2026-09-22');
    expect(JP_NATIONAL[2027]).toContain('2027-03-22');
  });
});

describe('business days', () => {
  it('are weekdays that are not holidays', () => {
    const us = holidayCalendar('us-federal');
    expect(isBusinessDay({ year: 2024, month: 11, day: 28 }, us)).toEqual({
      business: false,
      covered: true,
      holiday: true,
    });
    expect(isBusinessDay({ year: 2024, month: 11, day: 29 }, us).business).toBe(true);
    expect(isBusinessDay({ year: 2024, month: 11, day: 30 }, us).business).toBe(false);
  });

  it('say when a list does not cover the year', () => {
    expect(isBusinessDay({ year: 2030, month: 5, day: 6 }, holidayCalendar('gb-eng')).covered).toBe(false);
    expect(CALENDAR_IDS).toEqual(['us-federal', 'jp-national', 'gb-eng', 'de-national']);
  });
});
