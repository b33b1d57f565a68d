import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';

describe('durations', () => {
  it('reads hours, calendar days, business days and months', () => {
    expect(parseDuration('72h')).toEqual({ amount: 72, unit: 'h' });
    expect(parseDuration('30d')).toEqual({ amount: 30, unit: 'd' });
    expect(parseDuration('4bd')).toEqual({ amount: 4, unit: 'bd' });
    expect(parseDuration('1mo')).toEqual({ amount: 1, unit: 'mo' });
  });

  it('refuses anything else', () => {
    for (const bad of ['72x', '72', 'h', '3 days', '1.5h', '-4h', '72H', ' 72h', ''])
      expect(parseDuration(bad)).toBeUndefined();
  });

  it('says durations in words', () => {
    expect(formatDuration({ amount: 4, unit: 'bd' })).toBe('4 business days');
    expect(formatDuration({ amount: 1, unit: 'mo' })).toBe('1 month');
    expect(formatDuration({ amount: 72, unit: 'h' })).toBe('72 hours');
  });

  it('reads back every duration it can write', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), fc.constantFrom('h', 'd', 'bd', 'mo'), (amount, unit) => {
        expect(parseDuration(`${amount}${unit}`)).toEqual({ amount, unit });
      }),
    );
  });
});
