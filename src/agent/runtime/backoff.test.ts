import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('grows exponentially, stays within half to all of the step, and never exceeds the cap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, r) => {
        const step = Math.min(30_000, 500 * 2 ** Math.min(attempt, 30));
        const delay = backoffDelay(attempt, { baseMs: 500, capMs: 30_000 }, () => r);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(step / 2));
        expect(delay).toBeLessThanOrEqual(30_000);
      }),
    );
    expect(backoffDelay(3, { baseMs: 500, capMs: 30_000 }, () => 1)).toBe(4000);
    expect(backoffDelay(20, { baseMs: 500, capMs: 30_000 }, () => 0)).toBe(15_000);
  });
});
