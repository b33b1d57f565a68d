import { describe, expect, it } from 'vitest';
import { cidrInterval, intervalsContain, intervalsOf, intervalsOverlap, sameIntervals } from './intervals.js';

describe('intervals', () => {
  it('merges adjacent and nested networks the way nftables does', () => {
    expect(sameIntervals(intervalsOf(['10.1.0.0/24', '10.1.1.0/24']), intervalsOf(['10.1.0.0/23']))).toBe(true);
    expect(sameIntervals(intervalsOf(['10.0.0.0/8', '10.1.0.0/24']), intervalsOf(['10.0.0.0/8']))).toBe(true);
    expect(sameIntervals(intervalsOf(['10.9.0.1', '10.9.0.2']), intervalsOf(['10.9.0.1']))).toBe(false);
    expect(intervalsOf(['fd00::/8', '10.0.0.0/8']).map((i) => i.family)).toEqual([4, 6]);
  });

  it('answers containment and overlap per family', () => {
    expect(cidrInterval('10.0.0.0/31')).toEqual({ family: 4, lo: 0x0a000000n, hi: 0x0a000001n });
    expect(intervalsContain(intervalsOf(['10.1.0.0/24']), '10.1.0.200')).toBe(true);
    expect(intervalsContain(intervalsOf(['10.1.0.0/24']), '::ffff:10.1.0.200')).toBe(false);
    expect(intervalsOverlap(intervalsOf(['10.0.0.0/8']), intervalsOf(['10.3.0.0/16']))).toBe(true);
    expect(intervalsOverlap(intervalsOf(['10.0.0.0/16']), intervalsOf(['10.1.0.0/16']))).toBe(false);
  });
});
