import { describe, expect, it } from 'vitest';
import { areaPath, linear, linePath, maxOf, niceTicks, segments, tickIndices } from './chart';

describe('the backlog chart geometry', () => {
  it('makes round ticks from zero past the largest value', () => {
    expect(niceTicks(87)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(2.1)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect(niceTicks(0)).toEqual([0, 1]);
  });

  it('breaks lines at unknown values and closes areas on the baseline', () => {
    const runs = segments([0, 1, 2, 3, 4], [0, 5, null, 2, 1]);
    expect(runs).toEqual([[[0, 0], [1, 5]], [[3, 2], [4, 1]]]);
    const x = linear([0, 4], [0, 400]);
    const y = linear([0, 10], [100, 0]);
    expect(linePath(runs, x, y)).toBe('M0,100L100,50M300,80L400,90');
    expect(areaPath([[[0, 0], [1, 5]]], x, y)).toBe('M0,100L0,100L100,50L100,100Z');
  });

  it('maps a flat domain to the middle, spreads axis labels, finds the maximum', () => {
    expect(linear([5, 5], [0, 100])(5)).toBe(50);
    expect(tickIndices(10, 4)).toEqual([0, 3, 6, 9]);
    expect(tickIndices(3, 6)).toEqual([0, 1, 2]);
    expect(maxOf([[1, null, 7], [3]])).toBe(7);
  });
});
