import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { holidayCalendar } from './calendars/calendar.js';
import { civilDate, dayNumber } from './calendars/civil-date.js';
import { addDuration } from './deadline.js';
import { parseRulePackFile } from './pack-parse.js';
import { wallTimeAt } from './time-zone.js';

const unit = fc.constantFrom('h', 'd', 'mo');
const duration = fc.tuple(fc.integer({ min: 1, max: 999 }), unit).map(([n, u]) => `${n}${u}`);
const anchor = fc.record({ from: fc.constantFrom('awareness', 'payment'), after: duration });
const rule = fc.record({
  id: fc.stringMatching(/^[a-z][a-z0-9-]{2,20}$/),
  title: fc.string({ minLength: 1, maxLength: 40 }).filter((text) => text.trim().length > 0),
  regime: fc.constantFrom('gdpr', 'nis2', 'appi'),
  jurisdiction: fc.constantFrom('EU', 'JP', 'US-CA'),
  recipient: fc.record({ kind: fc.constantFrom('authority', 'data_subjects', 'police'), name: fc.constant('Someone') }),
  applies: fc.record({ entityCountries: fc.constantFrom(['EEA'], ['JP', 'GB']) }),
  clock: fc.record({
    anchors: fc.array(anchor, { minLength: 1, maxLength: 3 }),
    endOfDay: fc.constant(false),
    basis: fc.constant('law'),
  }),
  content: fc.array(fc.constant('What happened'), { minLength: 1, maxLength: 2 }),
  source: fc.record({ citation: fc.constant('Some law'), urls: fc.constant(['https://example.org/law']) }),
  checked: fc.constant('2026-11-25'),
  notes: fc.constant([]),
  unverified: fc.constant([]),
});
const file = (rules: unknown[]) => ({ format: 1, pack: 'prop', version: '1.0.0', rules });

describe('rule-pack parsing (properties)', () => {
  it('reads back every valid file it is given', () => {
    fc.assert(
      fc.property(rule, (generated) => {
        const parsed = parseRulePackFile(stringify(file([generated])), 'p.yaml');
        expect(parsed.ok ? parsed.content.rules : parsed.issues).toEqual([generated]);
      }),
    );
  });

  it('locates a bad duration anywhere in the clock', () => {
    const bad = fc.stringMatching(/^[0-9]{1,3}[a-z]{1,3}$/).filter((text) => !/^[0-9]+(h|d|bd|mo)$/.test(text));
    fc.assert(
      fc.property(rule, bad, fc.nat(), (generated, after, pick) => {
        const index = pick % generated.clock.anchors.length;
        const anchors = generated.clock.anchors.map((a, i) => (i === index ? { ...a, after } : a));
        const parsed = parseRulePackFile(
          stringify(file([{ ...generated, clock: { ...generated.clock, anchors } }])),
          'p.yaml',
        );
        expect(parsed.ok).toBe(false);
        if (parsed.ok) return;
        const issue = parsed.issues.find((candidate) => candidate.field === `rules[0].clock.anchors[${index}].after`);
        expect(issue?.line).toBeGreaterThan(5);
        expect(issue?.message).toBe(`${JSON.stringify(after)} is not a duration`);
      }),
    );
  });
});

describe('deadlines (properties)', () => {
  const zones = ['Europe/London', 'America/New_York', 'Asia/Tokyo', 'Australia/Sydney'];
  const instant = fc.integer({ min: Date.parse('2021-01-01'), max: Date.parse('2027-11-30') });

  it('never come before their anchor, and business-day deadlines fall on business days', () => {
    const us = holidayCalendar('us-federal');
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 30 }), fc.constantFrom(...zones), (start, amount, timeZone) => {
        const result = addDuration(start, { amount, unit: 'bd' }, { timeZone, calendar: us, endOfDay: true });
        expect(result.at).toBeGreaterThan(start);
        const wall = wallTimeAt(result.at, timeZone);
        expect([wall.hour, wall.minute, wall.second, wall.millisecond]).toEqual([23, 59, 59, 999]);
        const day = civilDate(dayNumber(wall));
        const weekday = new Date(Date.UTC(day.year, day.month - 1, day.day)).getUTCDay();
        expect([0, 6]).not.toContain(weekday);
        expect(
          us
            .holidays(day.year)
            ?.has(`${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`),
        ).toBe(false);
      }),
    );
  });

  it('keep the local time of day for calendar days, whatever the clock changes', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 400 }), fc.constantFrom(...zones), (start, amount, timeZone) => {
        const before = wallTimeAt(start, timeZone);
        const after = wallTimeAt(addDuration(start, { amount, unit: 'd' }, { timeZone }).at, timeZone);
        if (before.hour >= 1 && before.hour <= 3) return; // a time in a daylight-saving gap may move forward
        expect([after.hour, after.minute]).toEqual([before.hour, before.minute]);
        expect(dayNumber(after) - dayNumber(before)).toBe(amount);
      }),
    );
  });
});
